import { parseArgs } from "node:util";

export const DEFAULT_EVENTS = 1_000_000;
export const DEFAULT_SEED = 20_261_124;

export interface RunOptions {
  events: number;
  seed: number;
  /** diagnose.ts only: the manipulation type to look into. */
  type?: string;
}

/**
 * --events N (default 1,000,000) --seed S (default fixed), plus --type T where `withType` (the diagnose
 * tool); anything else is refused.
 */
export function parseRunOptions(args: readonly string[], withType = false): RunOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      events: { type: "string" },
      seed: { type: "string" },
      ...(withType ? { type: { type: "string" as const } } : {}),
    },
    strict: true,
  });
  const events = Number(values.events ?? DEFAULT_EVENTS);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  if (!Number.isInteger(events) || events < 1) throw new Error("--events: expected a positive whole number");
  if (!Number.isInteger(seed)) throw new Error("--seed: expected a whole number");
  const type = "type" in values && typeof values.type === "string" ? values.type : undefined;
  return { events, seed, ...(type === undefined ? {} : { type }) };
}
