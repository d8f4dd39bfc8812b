/**
 * The simulated session's clock: simulated time that runs at `speed` times the wall clock, can be paused
 * and resumed, and has its speed changed while running (the admin's controls, `npm start -- --speed`).
 * The wall time is always passed in, never read here, so the clock is deterministic and testable.
 */
import { newYorkWallTime } from "@nexus/core/new-york-time";

/** Speeds a session may run at: real time up to a 6.5-hour trading day in about 4 minutes. */
export const MIN_SPEED = 1;
export const MAX_SPEED = 100;

/** The US equity session's open, 09:30 in New York on `date` (YYYY-MM-DD), as epoch ms; daylight saving included. */
export function sessionOpenMs(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new Error(`date: expected YYYY-MM-DD, got "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const asIfUtc = Date.UTC(year, month - 1, day, 9, 30);
  // New York's offset at that moment: its wall time there, read back as if it were UTC, minus the moment.
  // Near 09:30 no DST switch is close (they happen at 02:00), so one correction is exact.
  const offsetMs = newYorkWallAsUtc(asIfUtc) - asIfUtc;
  return asIfUtc - offsetMs;
}

function newYorkWallAsUtc(epochMs: number): number {
  const { year, month, day, hour, minute, second } = newYorkWallTime(epochMs);
  return Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
}

/** `10x`, `2.5x` or `10` -> 10; undefined for anything else, or outside MIN_SPEED..MAX_SPEED. */
export function parseSpeed(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)x?$/i.exec(text.trim());
  const speed = match === null ? NaN : Number(match[1]);
  return speed >= MIN_SPEED && speed <= MAX_SPEED ? speed : undefined;
}

/**
 * Simulated time as a piecewise-linear function of wall time: each pause, resume or speed change starts a
 * new piece at the current simulated time, so simulated time never jumps and never runs backwards.
 */
export class SessionClock {
  private anchorSimMs: number;
  private anchorWallMs: number;
  private currentSpeed: number;
  private isPaused = false;

  constructor(options: { startMs: number; wallMs: number; speed: number }) {
    if (!(options.speed >= MIN_SPEED && options.speed <= MAX_SPEED))
      throw new Error(`speed: expected ${MIN_SPEED} to ${MAX_SPEED}, got ${options.speed}`);
    this.anchorSimMs = options.startMs;
    this.anchorWallMs = options.wallMs;
    this.currentSpeed = options.speed;
  }

  get speed(): number {
    return this.currentSpeed;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Simulated time at wall time `wallMs` (not before the last change). */
  now(wallMs: number): number {
    if (this.isPaused) return this.anchorSimMs;
    return this.anchorSimMs + Math.max(0, wallMs - this.anchorWallMs) * this.currentSpeed;
  }

  /**
   * The wall time at which simulated time `simMs` is (or was) reached on the current piece: when an event
   * of that simulated time happens on the wall clock. Paused, the moment of the pause.
   */
  wallTimeOf(simMs: number): number {
    if (this.isPaused) return this.anchorWallMs;
    return this.anchorWallMs + (simMs - this.anchorSimMs) / this.currentSpeed;
  }

  pause(wallMs: number): void {
    if (this.isPaused) return;
    this.rebase(wallMs);
    this.isPaused = true;
  }

  resume(wallMs: number): void {
    if (!this.isPaused) return;
    this.anchorWallMs = wallMs;
    this.isPaused = false;
  }

  setSpeed(speed: number, wallMs: number): void {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
      throw new Error(`speed: expected ${MIN_SPEED} to ${MAX_SPEED}, got ${speed}`);
    if (!this.isPaused) this.rebase(wallMs);
    this.currentSpeed = speed;
  }

  /**
   * Holds simulated time back to `simMs` as of `wallMs` (when the flow could not keep up with the clock),
   * so the clock says where the session really is; never moves it forward.
   */
  holdAt(simMs: number, wallMs: number): void {
    if (simMs >= this.now(wallMs)) return;
    this.anchorSimMs = simMs;
    this.anchorWallMs = wallMs;
  }

  private rebase(wallMs: number): void {
    this.anchorSimMs = this.now(wallMs);
    this.anchorWallMs = wallMs;
  }
}
