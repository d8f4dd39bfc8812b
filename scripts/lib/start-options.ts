/**
 * `npm start -- [--no-sim] [--day YYYY-MM-DD] [--speed 10x]`: the options of a start, checked before
 * anything starts. A bad one stops start-up with one line naming it (the day against the shipped data,
 * with the nearest trading days), and the rest reaches the worker as its environment (SIM_*).
 */
import { parseArgs } from "node:util";
import { MAX_SPEED, MIN_SPEED, parseSpeed, replayDayProblem } from "@nexus/sim";

export const START_USAGE = "npm start -- [--no-sim] [--day YYYY-MM-DD] [--speed 10x]";

export type StartOptions =
  { ok: true; noSim: boolean; workerEnv: Record<string, string> } | { ok: false; message: string };

/** `tradingDays` is only asked for when `--day` is given (it reads the shipped data, a second or two). */
export async function parseStartOptions(
  args: readonly string[],
  tradingDays: () => Promise<readonly string[]>,
): Promise<StartOptions> {
  let values: { "no-sim"?: boolean; day?: string; speed?: string };
  try {
    values = parseArgs({
      args: [...args],
      options: { "no-sim": { type: "boolean" }, day: { type: "string" }, speed: { type: "string" } },
      strict: true,
    }).values;
  } catch (error) {
    return { ok: false, message: `${(error as Error).message} (${START_USAGE})` };
  }
  const workerEnv: Record<string, string> = {};
  if (values.speed !== undefined) {
    const speed = parseSpeed(values.speed);
    if (speed === undefined)
      return {
        ok: false,
        message: `--speed ${values.speed}: expected a multiple of real time from ${MIN_SPEED}x to ${MAX_SPEED}x, e.g. --speed 10x`,
      };
    workerEnv.SIM_SPEED = String(speed);
  }
  if (values.day !== undefined) {
    const problem = replayDayProblem(await tradingDays(), values.day);
    if (problem !== undefined) return { ok: false, message: `--day: ${problem}` };
    workerEnv.SIM_DAY = values.day;
  }
  const noSim = values["no-sim"] === true;
  if (noSim) workerEnv.SIM_EVENTS_PER_SECOND = "0";
  return { ok: true, noSim, workerEnv };
}
