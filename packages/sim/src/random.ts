import { createSeededRandom } from "@nexus/core/random";
import type { RandomSource } from "@nexus/core/random";
/**
 * Seeded pseudo-random numbers for the simulator: the helpers agents need (uniform, integers, picks,
 * UUIDs) over core's seeded generator (`@nexus/core/random`, xoshiro128**), so the simulator and the
 * engines draw from one implementation. Not cryptographic; the point is reproducible runs.
 */
export class SeededRandom {
  private readonly source: RandomSource;

  constructor(seed: number) {
    this.source = createSeededRandom(seed);
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    return this.source.nextUint32();
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** Uniform integer in [min, max]. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("cannot pick from an empty list");
    return item;
  }

  /** Standard normal by Box-Muller. */
  gaussian(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Exponential waiting time of a Poisson process with the given rate (events per unit). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** A version-4 UUID (RFC 9562 layout) from this stream, so ids are reproducible per seed. */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = (this.nextUint32() & 0xffff0fff) | 0x00004000;
    const w2 = ((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.nextUint32();
    const h0 = hex8(w0);
    const h1 = hex8(w1);
    const h2 = hex8(w2);
    return `${h0}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex8(w3)}`;
  }
}

/** Two hex digits per byte value: number.toString(16) + padStart was the simulator's hottest spot. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function hex8(value: number): string {
  return (
    (BYTE_HEX[(value >>> 24) & 0xff] ?? "") +
    (BYTE_HEX[(value >>> 16) & 0xff] ?? "") +
    (BYTE_HEX[(value >>> 8) & 0xff] ?? "") +
    (BYTE_HEX[value & 0xff] ?? "")
  );
}
