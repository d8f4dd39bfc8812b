/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- NAME` runs the bench of that file name, or
 * else those whose file name or figure names contain NAME. Each bench runs in a process of its own (bench/run-one.ts), so one that fails
 * prints one line and the others still run.
 *
 * stdout holds one JSON line per figure, `{"name": ..., "value": ..., "unit": ..., "target": ...}`, so CI
 * and closing notes can quote them, and one line for each bench that gave none: `{"name": bench,
 * "skipped": why}` or `{"name": bench, "failed": why}`. Progress and warnings go to stderr. Exits 1 when a
 * bench failed (a missed target is a warning, not a failure).
 *
 * Services as `npm test` has them: the services a bench exports are checked before it runs; Kafka is
 * started with scripts/kafka-start.sh when none answers (and stopped again at the end), PostgreSQL and
 * Redis must be running already; a bench whose service cannot be had is skipped.
 */
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { firstHostPort, isListening, run } from "../scripts/lib/services.js";
import type { BenchModule, BenchServices } from "./types.js";

const benchDir = import.meta.dirname;
const root = path.resolve(benchDir, "..");
const filter = process.argv[2];

const files = (await readdir(benchDir)).filter((f) => f.endsWith(".bench.ts")).sort();
const baseName = (file: string) => file.replace(".bench.ts", "");
// A filter matches a bench by its file name ("ingest") or by one of its figure names ("worker.ingest.events_per_s").
// A bench named exactly runs alone: "surveillance-queue" contains "surveillance", another bench's name.
const exact = files.filter((f) => baseName(f) === filter);
const selected = !filter
  ? files
  : exact.length > 0
    ? exact
    : files.filter((f) => baseName(f).includes(filter) || filter.includes(baseName(f)));
if (selected.length === 0) {
  console.error(`bench: nothing matches "${filter}"; benches: ${files.map(baseName).join(", ")}`);
  process.exit(2);
}

const report = (name: string, outcome: "skipped" | "failed", why: string): void =>
  console.log(JSON.stringify({ name, [outcome]: why }));
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The broker this run started, to stop when it ends (one started by someone else is left alone). */
let startedKafka: { host: string; port: number } | undefined;
// kafka-start.sh / kafka-stop.sh serve KAFKA_HOST:KAFKA_PORT: the broker the bench will look for.
const kafkaScript = (script: string, { host, port }: { host: string; port: number }): Promise<number> =>
  run("bash", [script], {
    cwd: root,
    env: { ...process.env, KAFKA_HOST: host, KAFKA_PORT: String(port) },
    // Their messages are progress: stderr, so stdout keeps figures alone.
    stdio: ["ignore", 2, 2],
  });

/** Why the bench cannot run here; undefined when every service it needs answers (Kafka started if need be). */
async function unavailableService(services: BenchServices): Promise<string | undefined> {
  if (services.postgres !== undefined) {
    const { host, port } = firstHostPort(new URL(services.postgres).host, 5432);
    if (!(await isListening(host, port))) return `PostgreSQL is not answering on ${host}:${port}`;
  }
  if (services.redis !== undefined) {
    const { host, port } = firstHostPort(new URL(services.redis).host, 6379);
    if (!(await isListening(host, port))) return `Redis is not answering on ${host}:${port}`;
  }
  if (services.kafka !== undefined) {
    const broker = firstHostPort(services.kafka, 9092);
    if (!(await isListening(broker.host, broker.port))) {
      console.error(
        `bench: no Kafka on ${broker.host}:${broker.port}; starting one with scripts/kafka-start.sh`,
      );
      const code = await kafkaScript("scripts/kafka-start.sh", broker);
      if (code !== 0)
        return `Kafka is not answering on ${broker.host}:${broker.port} and scripts/kafka-start.sh failed (exit ${code})`;
      startedKafka = broker;
    }
  }
  return undefined;
}

/** Runs one bench in a child process, passing its stdout on; resolves with whether it failed and said so. */
function runIsolated(file: string): Promise<{ ok: boolean; reported: boolean; exit: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(benchDir, "run-one.ts"), path.join(benchDir, file)],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let reported = false;
    createInterface({ input: child.stdout }).on("line", (line) => {
      console.log(line);
      if (line.startsWith('{"name":') && "failed" in (JSON.parse(line) as object)) reported = true;
    });
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({ ok: code === 0, reported, exit: signal === null ? `exit code ${code}` : `signal ${signal}` }),
    );
  });
}

let failed = 0;
try {
  for (const file of selected) {
    const name = baseName(file);
    console.error(`bench: ${file}`);
    let services: BenchServices;
    try {
      // Loaded here only to read what it connects to; it runs in its own process.
      services =
        ((await import(pathToFileURL(path.join(benchDir, file)).href)) as BenchModule).services ?? {};
    } catch (error) {
      report(name, "failed", `cannot load ${file}: ${messageOf(error)}`);
      failed++;
      continue;
    }
    const unavailable = await unavailableService(services);
    if (unavailable !== undefined) {
      report(name, "skipped", unavailable);
      continue;
    }
    const outcome = await runIsolated(file).catch((error: unknown) => ({
      ok: false,
      reported: false,
      exit: messageOf(error),
    }));
    if (!outcome.ok) {
      failed++;
      if (!outcome.reported) report(name, "failed", `the bench process ended with ${outcome.exit}`);
    }
  }
} finally {
  if (startedKafka !== undefined) await kafkaScript("scripts/kafka-stop.sh", startedKafka);
}
process.exit(failed > 0 ? 1 : 0);
