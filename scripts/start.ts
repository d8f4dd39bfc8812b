/**
 * `npm start`: the product on its embedded default, with nothing but Node installed.
 *
 * Without DATABASE_URL this process hosts a PGlite database (file under NEXUS_DATA_DIR) behind a
 * Postgres wire-protocol socket, so web and worker both talk postgres.js to it: one code path for the
 * embedded default and for a real Postgres (PGlite itself is single-connection; see docs/architecture.md).
 * Without KAFKA_BROKERS the worker uses its in-memory bus with the market simulator feeding it.
 * With DATABASE_URL / REDIS_URL / KAFKA_BROKERS set, the same processes run over the real services.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";
import { seedDemoUsers } from "@nexus/api/auth";
import { createDb, startEmbeddedPostgres } from "@nexus/db/client";
import { migrate } from "@nexus/db/migrate";
import { baseEnvSchema, loadEnv } from "@nexus/platform/env";
import { DEMO_SYMBOLS, loadDailyBars, replayDates } from "@nexus/sim";
import { run } from "./lib/services";
import { parseStartOptions } from "./lib/start-options";

const root = path.resolve(import.meta.dirname, "..");
const startedAt = performance.now();

/** Runs one start-up step, saying what it does and how long it took (issue 15: start-up prints its timings). */
async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  const began = performance.now();
  process.stdout.write(`nexus: ${what}... `);
  const result = await work();
  console.log(`${((performance.now() - began) / 1000).toFixed(1)} s`);
  return result;
}

/** Resolves once `url` answers 2xx (polled every 250 ms), or false if the child exited first. */
async function answers(url: string, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
// `npm start -- [--no-sim] [--day YYYY-MM-DD] [--speed 10x]`, checked before anything starts.
const options = await parseStartOptions(process.argv.slice(2), () =>
  step("checking --day against the shipped bars", async () => replayDates(loadDailyBars(DEMO_SYMBOLS).bars)),
);
if (!options.ok) {
  console.error(`nexus: ${options.message}`);
  process.exit(2);
}

const env = loadEnv(
  baseEnvSchema.extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    NEXUS_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  }),
);

const dataDir = path.resolve(root, env.NEXUS_DATA_DIR);
const embedded = env.DATABASE_URL
  ? undefined
  : await step(`starting the embedded database in ${path.relative(root, dataDir)}/pgdata`, () =>
      startEmbeddedPostgres({ dataDir: path.join(dataDir, "pgdata"), port: env.NEXUS_EMBEDDED_PG_PORT }),
    );
const databaseUrl = env.DATABASE_URL ?? embedded?.url ?? "";

const setup = createDb({ url: databaseUrl, max: 1 });
await step("migrating the database", () => migrate(setup.sql));
const demoUsers = embedded ? await step("seeding the demo users", () => seedDemoUsers(setup.db)) : [];
await setup.close();

if (!existsSync(path.join(root, "apps/web/.next/BUILD_ID"))) {
  const code = await step("building the web app once (about a minute on two cores)", () =>
    run("npx", ["turbo", "run", "build", "--filter=@nexus/web", "--output-logs=errors-only"], {
      cwd: root,
    }),
  );
  if (code !== 0) {
    await embedded?.close();
    process.exit(code);
  }
}

/** The surveillance stage's hold while the simulated session runs (see childEnv). */
const SIMULATED_SESSION_HOLD_MS = 1_000;

const nextBin = createRequire(path.join(root, "apps/web/package.json")).resolve("next/dist/bin/next");
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  PORT: String(env.PORT),
  ...options.workerEnv,
  // Against Kafka the simulator publishes there like any outside producer, unless --no-sim.
  ...(env.KAFKA_BROKERS && !options.noSim ? { SIM_PUBLISH_TO_KAFKA: "true" } : {}),
  // The simulated session publishes its events in 100 ms slices, each stamped across its slice, while
  // the routed flow stamps its orders and fills as it sends them: a slice reaches the worker up to its
  // length after a routed event stamped later, and more when a busy laptop delays it (seen: p90 0.4 s,
  // 7 % of events late with the 50 ms hold). A second's hold keeps the session in event-time order.
  ...(!options.noSim && process.env.SURVEILLANCE_HOLD_MS === undefined
    ? { SURVEILLANCE_HOLD_MS: String(SIMULATED_SESSION_HOLD_MS) }
    : {}),
};
const children: ChildProcess[] = [
  spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: root,
    env: childEnv,
    stdio: "inherit",
  }),
  // next's own bin, not `npx next`: npx does not pass SIGTERM on, which would orphan next-server.
  spawn(process.execPath, [nextBin, "start", "-p", String(env.PORT)], {
    cwd: path.join(root, "apps/web"),
    env: childEnv,
    stdio: "inherit",
  }),
];

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
  await embedded?.close();
  process.exit(code);
}
for (const child of children) child.once("exit", (code) => void shutdown(code ?? 1));
process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));

console.log(`
NexusTrade is starting on http://localhost:${env.PORT}
  database: ${embedded ? `embedded PGlite in ${path.relative(root, dataDir)}/pgdata` : "DATABASE_URL"}
  events:   ${env.KAFKA_BROKERS ? `Kafka ${env.KAFKA_BROKERS.join(",")}` : "in-memory bus"}, ${options.noSim ? "no simulated flow (--no-sim)" : `simulated session of ${childEnv.SIM_DAY ?? "the first day with two years of data before it"} at ${childEnv.SIM_SPEED ?? "1"}x`}
${demoUsers.length ? "  demo users (embedded default only):\n" + demoUsers.map((u) => `    ${u.role.padEnd(11)} ${u.email}  password: ${u.password}`).join("\n") : ""}
Stop with Ctrl-C.`);

// What is up when, from this command's start: the worker once its dependencies answer (/readyz), the
// web app once it serves (/api/health).
const [worker, web] = children;
const since = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s after start`;
const workerPort = process.env.WORKER_PORT ?? "3001";
if (worker !== undefined && web !== undefined)
  void Promise.all([
    answers(`http://127.0.0.1:${workerPort}/readyz`, worker).then(
      (ready) => ready && console.log(`nexus: worker ready (ingesting, surveillance running), ${since()}`),
    ),
    answers(`http://127.0.0.1:${env.PORT}/api/health`, web).then(
      (ready) => ready && console.log(`nexus: web app serving http://localhost:${env.PORT}, ${since()}`),
    ),
  ]);
