/**
 * Normal draws for the Monte Carlo, from the product's seeded generator (../random.ts): the ziggurat
 * method below turns its uniform words into standard normals.
 */
import type { RandomSource } from "../random";

const TWO_POW_32 = 4294967296;

/** Uniform in the open interval (0, 1): never 0, so its logarithm is finite. */
function openUniform(random: RandomSource): number {
  return (random.nextUint32() + 0.5) / TWO_POW_32;
}

// Marsaglia & Tsang 2000, "The Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8):
// 128 boxes of equal area V under the normal density, the right edge of the base strip at R.
const BOXES = 128;
const R = 3.442619855899;
const V = 9.91256303526217e-3;
const HALF_RANGE = 2147483648;
const edges = new Float64Array(BOXES); // |int32| below edges[i] falls inside box i's rectangle
const widths = new Float64Array(BOXES); // int32 -> x scale of box i
const heights = new Float64Array(BOXES); // density at the outer edge of box i
{
  let outer = R;
  let previous = R;
  const baseWidth = V / Math.exp(-0.5 * R * R);
  edges[0] = (R / baseWidth) * HALF_RANGE;
  edges[1] = 0;
  widths[0] = baseWidth / HALF_RANGE;
  widths[BOXES - 1] = R / HALF_RANGE;
  heights[0] = 1;
  heights[BOXES - 1] = Math.exp(-0.5 * R * R);
  for (let i = BOXES - 2; i >= 1; i--) {
    outer = Math.sqrt(-2 * Math.log(V / outer + Math.exp(-0.5 * outer * outer)));
    edges[i + 1] = (outer / previous) * HALF_RANGE;
    previous = outer;
    heights[i] = Math.exp(-0.5 * outer * outer);
    widths[i] = outer / HALF_RANGE;
  }
}

/**
 * Fills `out` with standard normal draws. The box index comes from other bits than the value (Doornik
 * 2005, "An Improved Ziggurat Method to Generate Normal Random Samples": reusing the value's low bits for
 * the box correlates them); one word supplies the boxes of three draws (24 bits, kept as a small integer),
 * so a draw costs about 1.33 words.
 */
export function fillNormals(random: RandomSource, out: Float64Array): void {
  let boxBits = 0;
  let boxesLeft = 0;
  for (let k = 0; k < out.length; k++) {
    for (;;) {
      if (boxesLeft === 0) {
        boxBits = random.nextUint32() >>> 8;
        boxesLeft = 3;
      }
      const box = boxBits & (BOXES - 1);
      boxBits >>>= 8;
      boxesLeft--;
      const signed = random.nextUint32() | 0;
      const x = signed * (widths[box] as number);
      if (Math.abs(signed) < (edges[box] as number)) {
        out[k] = x;
        break;
      }
      if (box === 0) {
        out[k] = normalTail(random, signed > 0);
        break;
      }
      const inner = heights[box - 1] as number;
      const outer = heights[box] as number;
      if (outer + openUniform(random) * (inner - outer) < Math.exp(-0.5 * x * x)) {
        out[k] = x;
        break;
      }
    }
  }
}

/** Beyond R: Marsaglia's exponential rejection for the normal tail. */
function normalTail(random: RandomSource, positive: boolean): number {
  for (;;) {
    const x = -Math.log(openUniform(random)) / R;
    const y = -Math.log(openUniform(random));
    if (y + y >= x * x) return positive ? R + x : -R - x;
  }
}
