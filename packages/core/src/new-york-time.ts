/**
 * The wall clock in New York, where the US equity session runs (09:30-16:00 local, daylight saving
 * included): the simulated session's open and the clock the screens show it on both read it here.
 */

/** New York's wall time at an instant, as zero-padded fields (`month` 01-12, `hour` 00-23). */
export interface NewYorkWallTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const newYorkFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export function newYorkWallTime(instant: Date | number): NewYorkWallTime {
  const parts = newYorkFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
    second: part("second"),
  };
}
