import { parseArgs } from "node:util";

export const DEFAULT_EVENTS = 1_000_000;
export const DEFAULT_SEED = 20_261_124;

/** --events N (default 1,000,000) --seed S (default fixed); anything else is refused. */
export function parseRunOptions(args: readonly string[]): { events: number; seed: number; type?: string } {
  const { values } = parseArgs({
    args: [...args],
    options: { events: { type: "string" }, seed: { type: "string" }, type: { type: "string" } },
    strict: true,
  });
  const events = Number(values.events ?? DEFAULT_EVENTS);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  if (!Number.isInteger(events) || events < 1) throw new Error("--events: expected a positive whole number");
  if (!Number.isInteger(seed)) throw new Error("--seed: expected a whole number");
  return { events, seed, ...(values.type === undefined ? {} : { type: values.type }) };
}
