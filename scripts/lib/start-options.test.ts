import { describe, expect, it } from "vitest";
import { parseStartOptions } from "./start-options";

const days = ["2016-06-23", "2016-06-24", "2016-06-27"];
const noDataRead = () => Promise.reject(new Error("the shipped data was read without --day"));
const shipped = () => Promise.resolve(days);

describe("npm start's options", () => {
  it("passes the day and the speed on to the worker", async () => {
    expect(await parseStartOptions(["--day", "2016-06-24", "--speed", "10x"], shipped)).toEqual({
      ok: true,
      noSim: false,
      workerEnv: { SIM_DAY: "2016-06-24", SIM_SPEED: "10" },
    });
  });

  it("starts quietly with --no-sim, and reads no data when no day is asked for", async () => {
    expect(await parseStartOptions(["--no-sim"], noDataRead)).toEqual({
      ok: true,
      noSim: true,
      workerEnv: { SIM_EVENTS_PER_SECOND: "0" },
    });
    expect(await parseStartOptions([], noDataRead)).toEqual({ ok: true, noSim: false, workerEnv: {} });
  });

  it("refuses a day not in the data, naming --day and the nearest trading days", async () => {
    expect(await parseStartOptions(["--day", "2016-06-25"], shipped)).toEqual({
      ok: false,
      message:
        "--day: 2016-06-25 is not a trading day of the data (nearest: 2016-06-24, 2016-06-27; data 2016-06-23..2016-06-27)",
    });
    expect(await parseStartOptions(["--day=June 24"], shipped)).toMatchObject({
      ok: false,
      message: '--day: "June 24" is not a date (expected YYYY-MM-DD; data 2016-06-23..2016-06-27)',
    });
  });

  it.each(["0x", "1000x", "ten"])("refuses --speed %s, naming --speed", async (speed) => {
    expect(await parseStartOptions(["--speed", speed], noDataRead)).toEqual({
      ok: false,
      message: `--speed ${speed}: expected a multiple of real time from 1x to 100x, e.g. --speed 10x`,
    });
  });

  it("refuses an unknown option, saying the usage", async () => {
    const parsed = await parseStartOptions(["--sped", "10x"], noDataRead);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toMatch(
      /--sped.*\(npm start -- \[--no-sim\] \[--day YYYY-MM-DD\] \[--speed 10x\]\)$/,
    );
  });
});
