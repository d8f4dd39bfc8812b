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

class Xoshiro128StarStar implements RandomSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let state = seed | 0;
    const splitMix32 = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state ^ (state >>> 16);
      z = Math.imul(z, 0x21f0aaad);
      z ^= z >>> 15;
      z = Math.imul(z, 0x735a2d97);
      return (z ^ (z >>> 15)) | 0;
    };
    this.s0 = splitMix32();
    this.s1 = splitMix32();
    this.s2 = splitMix32();
    this.s3 = splitMix32();
  }

  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
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
 * Standard normal draws from a RandomSource. The box index comes from other bits than the value (Doornik
 * 2005, "An Improved Ziggurat Method to Generate Normal Random Samples": reusing the value's low bits for
 * the box correlates them); one 32-bit word supplies the boxes of four draws, so a draw costs about 1.25
 * words.
 */
export class NormalSampler {
  private boxBits = 0;
  private boxesLeft = 0;

  constructor(private readonly random: RandomSource) {}

  next(): number {
    for (;;) {
      if (this.boxesLeft === 0) {
        this.boxBits = this.random.nextUint32();
        this.boxesLeft = 4;
      }
      const box = this.boxBits & (BOXES - 1);
      this.boxBits >>>= 8;
      this.boxesLeft--;
      const signed = this.random.nextUint32() | 0;
      const x = signed * (widths[box] as number);
      if (Math.abs(signed) < (edges[box] as number)) return x;
      if (box === 0) return normalTail(this.random, signed > 0);
      const inner = heights[box - 1] as number;
      const outer = heights[box] as number;
      if (outer + openUniform(this.random) * (inner - outer) < Math.exp(-0.5 * x * x)) return x;
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
