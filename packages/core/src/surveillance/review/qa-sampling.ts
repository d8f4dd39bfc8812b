import type { RandomSource } from "../../random";

const UINT32_RANGE = 2 ** 32;

/**
 * Whether a closure goes to a second reviewer (four-eyes QA): one uniform draw from the injected source
 * against the sample rate, so a rate of 0.1 sends one closure in ten on average and a seeded source
 * replays the same choices. Rates at or below 0 sample nothing; at or above 1, everything.
 */
export function sampledForQa(random: RandomSource, rate: number): boolean {
  return random.nextUint32() / UINT32_RANGE < rate;
}
