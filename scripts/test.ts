/**
 * `npm test`: every check, against the real services. Lint (including the dependency rule), format, typecheck,
 * then vitest's three projects (unit, integration, e2e). Postgres and Redis must be running (CI's
 * .ci/run makes sure); Kafka is started here with scripts/kafka-start.sh when none answers, and stopped
 * again afterwards. The last line is the plain `N passed, N failed` summary.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { firstHostPort, isListening, run } from "./lib/services";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env };
env.KAFKA_BROKERS ??= "127.0.0.1:9092";
env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
env.REDIS_URL ??= "redis://127.0.0.1:6379";

function fail(message: string): never {
  console.error(`npm test: ${message}`);
  process.exit(1);
}

async function step(title: string, command: string, args: string[]): Promise<void> {
  console.log(`\n== ${title}`);
  const code = await run(command, args, { cwd: root, env });
  if (code !== 0) fail(`${title} failed (exit ${code})`);
}

await step("lint", "npx", ["eslint", "."]);
await step("format", "npx", ["prettier", "--check", "--log-level=warn", "."]);
await step("typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]);
// turbo runs the workspaces' typecheck only; the root project holds the scripts, benches and e2e tests.
await step("typecheck scripts, benches and e2e", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]);

const pg = firstHostPort(new URL(env.TEST_DATABASE_URL).host, 5432);
if (!(await isListening(pg.host, pg.port))) fail(`PostgreSQL is not answering on ${pg.host}:${pg.port}`);
const redis = new URL(env.REDIS_URL);
if (!(await isListening(redis.hostname, Number(redis.port || 6379))))
  fail(`Redis is not answering on ${redis.host}`);

const kafka = firstHostPort(env.KAFKA_BROKERS, 9092);
let startedKafka = false;
if (!(await isListening(kafka.host, kafka.port))) {
  await step("start Kafka", "bash", ["scripts/kafka-start.sh"]);
  startedKafka = true;
}

await step("build web", "npx", ["turbo", "run", "build", "--filter=@nexus/web", "--output-logs=errors-only"]);

console.log("\n== vitest (unit, integration, e2e)");
const resultsFile = path.join(root, ".nexus", "test-results.json");
await mkdir(path.dirname(resultsFile), { recursive: true });
const vitestCode = await run(
  "npx",
  [
    "vitest",
    "run",
    "--coverage",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${resultsFile}`,
  ],
  { cwd: root, env },
);

if (startedKafka) await run("bash", ["scripts/kafka-stop.sh"], { cwd: root, env });

const results = JSON.parse(await readFile(resultsFile, "utf8").catch(() => "{}")) as {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTotalTests?: number;
};
const passed = results.numPassedTests ?? 0;
const failed = results.numFailedTests ?? 0;
const skipped = results.numPendingTests ?? 0;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (vitestCode !== 0 || failed > 0 || passed === 0) process.exit(vitestCode || 1);
