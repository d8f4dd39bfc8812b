/**
 * The one seeded generator of the product: core engines take a `RandomSource` (randomness is injected,
 * so they stay deterministic) and the simulator draws from the same generator.
 *
 * xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), seeded through
 * SplitMix32 (murmur3's finaliser as the mixer) so that nearby seeds give unrelated streams. The state is
 * an Int32Array: raw 32-bit words, never boxed as heap numbers on the hot path. Not cryptographic.
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
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    let state = seed | 0;
    for (let i = 0; i < 4; i++) {
      state = (state + 0x9e3779b9) | 0;
      let z = Math.imul(state ^ (state >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.s[i] = z ^ (z >>> 16);
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
