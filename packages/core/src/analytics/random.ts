/**
 * Randomness is injected (core is deterministic): Monte Carlo takes a `RandomSource`. The seeded one here
 * is xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), seeded
 * through SplitMix32 so that nearby seeds give unrelated streams; normals come from the ziggurat method.
 */
export interface RandomSource {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
}

/** Reproducible source: the same seed gives the same stream on every platform. */
export function createSeededRandom(seed: number): RandomSource {
  return new Xoshiro128StarStar(seed);
}

/** State in an Int32Array: raw 32-bit words, never boxed as numbers on the heap. */
class Xoshiro128StarStar implements RandomSource {
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    let state = seed | 0;
    for (let i = 0; i < 4; i++) {
      state = (state + 0x9e3779b9) | 0;
      let z = state ^ (state >>> 16);
      z = Math.imul(z, 0x21f0aaad);
      z ^= z >>> 15;
      z = Math.imul(z, 0x735a2d97);
      this.s[i] = z ^ (z >>> 15); // SplitMix32
    }
  }

  nextUint32(): number {
    const s = this.s;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const s2 = (s[2] as number) ^ s0;
    const s3 = (s[3] as number) ^ s1;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotateLeft(s3, 11);
    return result;
  }
}

function rotateLeft(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

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
