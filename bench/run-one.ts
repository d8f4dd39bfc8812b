/**
 * Runs one bench file in this process; bench/run.ts starts one such process per bench, so a bench that
 * throws, crashes or leaves sockets open cannot stop the others, and each measures on a fresh heap.
 * Prints each figure as a JSON line on stdout, a missed target on stderr; on an error, the error on
 * stderr and one line {"name": bench, "failed": message} on stdout, and exits 1.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchModule } from "./types.js";

const file = process.argv[2] ?? "";
const name = path.basename(file, ".bench.ts");

try {
  const module = (await import(pathToFileURL(path.resolve(file)).href)) as BenchModule;
  for (const result of await module.default()) {
    const { value, unit, target, better } = result;
    console.log(JSON.stringify({ name: result.name, value: Number(value.toFixed(3)), unit, target }));
    if (better === "higher" ? value < target : value > target)
      console.error(
        `bench: ${result.name} = ${value.toFixed(1)} ${unit} misses its target (${better} than ${target})`,
      );
  }
} catch (error) {
  console.error(error);
  console.log(JSON.stringify({ name, failed: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
}
// A client a bench forgot to close must not keep a finished bench (and so the whole run) waiting.
process.exit(0);
