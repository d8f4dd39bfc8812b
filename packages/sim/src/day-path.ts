import type { CompleteBar } from "./bars";
import { ceilTicks, floorTicks, nearestTicks } from "./prices";
import type { SeededRandom } from "./random";

/** A symbol's trading day as the simulator sees it: the bar's range on the tick grid. */
export interface SymbolDay {
  bar: CompleteBar;
  lowTicks: number;
  highTicks: number;
  openTicks: number;
  closeTicks: number;
}

export function symbolDayOf(bar: CompleteBar): SymbolDay {
  const lowTicks = ceilTicks(bar.low);
  const highTicks = floorTicks(bar.high);
  const clamp = (ticks: number): number => Math.min(highTicks, Math.max(lowTicks, ticks));
  return {
    bar,
    lowTicks,
    highTicks,
    openTicks: clamp(nearestTicks(bar.open)),
    closeTicks: clamp(nearestTicks(bar.close)),
  };
}

/**
 * The day's "fair value" path: open -> first extreme -> second extreme -> close (the high and the low in a
 * random order at random times), so that the day's printed range is reached, plus mean-reverting noise
 * (an AR(1), i.e. a discretised Ornstein-Uhlenbeck process) so quotes wander instead of sliding on a line.
 * Always clamped into [low, high]: the simulator's prices never leave the day's real range.
 */
export class FairValuePath {
  private readonly waypoints: readonly (readonly [number, number])[];
  private noiseTicks = 0;
  private readonly noiseScale: number;

  constructor(
    private readonly day: SymbolDay,
    private readonly random: SeededRandom,
  ) {
    const highFirst = random.chance(0.5);
    const firstAt = 0.05 + random.next() * 0.45;
    const secondAt = firstAt + 0.05 + random.next() * (0.9 - firstAt);
    const [first, second] = highFirst ? [day.highTicks, day.lowTicks] : [day.lowTicks, day.highTicks];
    this.waypoints = [
      [0, day.openTicks],
      [firstAt, first],
      [secondAt, second],
      [1, day.closeTicks],
    ];
    this.noiseScale = Math.max(1, (day.highTicks - day.lowTicks) * 0.02);
  }

  /** Fair value in ticks at a fraction of the session in [0, 1]. */
  at(fraction: number): number {
    this.noiseTicks = this.noiseTicks * 0.95 + this.random.gaussian() * this.noiseScale;
    let base = this.day.closeTicks;
    for (let i = 1; i < this.waypoints.length; i++) {
      const from = this.waypoints[i - 1];
      const to = this.waypoints[i];
      if (from === undefined || to === undefined) continue;
      if (fraction <= to[0]) {
        const weight = (fraction - from[0]) / (to[0] - from[0]);
        base = from[1] + (to[1] - from[1]) * weight;
        break;
      }
    }
    return Math.min(this.day.highTicks, Math.max(this.day.lowTicks, Math.round(base + this.noiseTicks)));
  }
}
