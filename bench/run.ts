/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- NAME` runs those whose file name or
 * figure names contain NAME. Each figure is printed as one JSON line
 * `{"name": ..., "value": ..., "unit": ..., "target": ...}` so CI and closing notes can quote them.
 * Progress and warnings go to stderr, figures alone to stdout.
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import type { Bench, BenchResult } from "./types";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];

const files = (await readdir(benchDir)).filter((f) => f.endsWith(".bench.ts")).sort();
const baseName = (file: string) => file.replace(".bench.ts", "");
// A filter matches a bench by its file name ("ingest") or by one of its figure names ("worker.ingest.events_per_s").
const selected = filter
  ? files.filter((f) => baseName(f).includes(filter) || filter.includes(baseName(f)))
  : files;
if (selected.length === 0) {
  console.error(`bench: nothing matches "${filter}"; benches: ${files.map(baseName).join(", ")}`);
  process.exit(2);
}

const missed: BenchResult[] = [];
for (const file of selected) {
  console.error(`bench: ${file}`);
  const module = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: Bench };
  for (const result of await module.default()) {
    const { name, value, unit, target } = result;
    console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, target }));
    const met = result.better === "higher" ? value >= target : value <= target;
    if (!met) missed.push(result);
  }
}
for (const r of missed) {
  console.error(
    `bench: ${r.name} = ${r.value.toFixed(1)} ${r.unit} misses its target (${r.better} than ${r.target})`,
  );
}
process.exit(0);
