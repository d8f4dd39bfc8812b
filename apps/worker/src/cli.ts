/**
 * The `nexus` command (bin/nexus.mjs, or `npm run nexus -- ...`).
 *
 *   nexus replay FILE.jsonl [--topic-from-event] [--skip-invalid]   publish each line to Kafka
 *   nexus replay FILE.jsonl --ingest                                 decode and write to the database
 *   nexus db:migrate                                                 apply pending migrations
 *   nexus users create|list|disable|enable|set-role|reset-password   manage who signs in (cli/users.ts)
 *
 * Exit status: 0 done, 1 could not run (usage, missing file, unreachable service) or refused (an
 * unknown email, a taken one, a change that would leave no enabled admin), 2 ran but some lines were
 * not replayed (each reported as FILE:LINE: reason on stderr).
 */
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import type { RejectedLine } from "./cli/replay.js";
import { replayToBus, replayToDatabase } from "./cli/replay.js";
import { fileSize, readJsonlLines } from "./cli/jsonl.js";
import { startProgress } from "./cli/progress.js";
import { UsageError } from "./cli/usage-error.js";
import { USERS_USAGE, runUsersCommand } from "./cli/users.js";
import { openMigratedDatabase } from "./database.js";
import { loadWorkerEnv } from "./env.js";

const USAGE = `usage:
  nexus replay FILE.jsonl [--topic-from-event] [--skip-invalid]
      Publish each line to its topic on KAFKA_BROKERS. A line is a contract event (topic from its
      event_type) or a kcat -J record (replayed to its recorded topic; --topic-from-event re-derives
      the topic from the payload's event_type). Lines that do not validate are published anyway, for
      the consumer to dead-letter, unless --skip-invalid.
  nexus replay FILE.jsonl --ingest
      Decode each line and write the valid ones to the database (DATABASE_URL, or the embedded one);
      invalid lines are reported with their line numbers. Already stored events are skipped.
  nexus db:migrate
      Apply pending migrations to DATABASE_URL (schema NEXUS_DB_SCHEMA, default public).
${USERS_USAGE}`;

/** At most this many rejected lines are listed; the count is always exact. */
const MAX_LISTED = 200;

function reportRejected(file: string, rejected: readonly RejectedLine[]): void {
  for (const { lineNumber, reason } of rejected.slice(0, MAX_LISTED)) {
    process.stderr.write(`${file}:${lineNumber}: ${reason}\n`);
  }
  if (rejected.length > MAX_LISTED) process.stderr.write(`... and ${rejected.length - MAX_LISTED} more\n`);
}

async function replay(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ingest: { type: "boolean", default: false },
      "topic-from-event": { type: "boolean", default: false },
      "skip-invalid": { type: "boolean", default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError("replay takes exactly one FILE.jsonl");
  if (values.ingest && (values["topic-from-event"] || values["skip-invalid"])) {
    throw new UsageError("--topic-from-event and --skip-invalid apply to publishing, not to --ingest");
  }
  await access(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });

  const env = loadWorkerEnv();
  const progress = startProgress(values.ingest ? "ingest" : "replay", await fileSize(file));
  const lines = readJsonlLines(file);

  if (values.ingest) {
    const database = await openMigratedDatabase(env);
    try {
      const summary = await replayToDatabase({
        lines,
        db: database.db,
        batchMax: env.INGEST_BATCH_MAX,
        onProgress: progress.update,
      });
      progress.stop();
      reportRejected(file, summary.invalid);
      console.log(
        `ingested ${file}: ${summary.lines} lines, ${summary.stored} stored, ${summary.duplicates} already stored, ${summary.invalid.length} invalid`,
      );
      return summary.invalid.length > 0 ? 2 : 0;
    } finally {
      progress.stop();
      await database.close();
    }
  }

  if (env.KAFKA_BROKERS === undefined) {
    throw new UsageError(
      "KAFKA_BROKERS is not set: replay publishes to Kafka (or use --ingest to write to the database)",
    );
  }
  const logger = createLogger({
    name: "nexus",
    level: env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL,
    destination: process.stderr,
  });
  const bus = createEventBus({ brokers: env.KAFKA_BROKERS, clientId: "nexus-cli", logger });
  try {
    const summary = await replayToBus({
      lines,
      bus,
      topicFromEvent: values["topic-from-event"],
      skipInvalid: values["skip-invalid"],
      onProgress: progress.update,
    });
    progress.stop();
    reportRejected(file, summary.skipped);
    console.log(
      `replayed ${file}: ${summary.lines} lines, ${summary.published} published to Kafka (${summary.publishedInvalid} invalid, left for the consumer to dead-letter), ${summary.skipped.length} skipped`,
    );
    return summary.skipped.length > 0 ? 2 : 0;
  } finally {
    progress.stop();
    await bus.close();
  }
}

async function dbMigrate(args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError("db:migrate takes no arguments");
  const env = loadWorkerEnv();
  const database = await openMigratedDatabase(env);
  await database.close();
  console.log(`migrated schema ${env.NEXUS_DB_SCHEMA}`);
  return 0;
}

/** The reason first: a failed query's own message is "Failed query: <the whole SQL>", the cause is the why. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  const message = error.message.length > 200 ? `${error.message.slice(0, 200)}...` : error.message;
  return cause ? `${cause} (${message})` : message;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case "replay":
        return await replay(args);
      case "db:migrate":
        return await dbMigrate(args);
      case "users":
        return await runUsersCommand(args, {
          openDatabase: () => openMigratedDatabase(loadWorkerEnv()),
          stdin: process.stdin,
          print: (line) => console.log(line),
        });
      case undefined:
      case "help":
      case "--help":
      case "-h":
        console.log(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
      // parseArgs reports unknown options as a TypeError with an ERR_PARSE_ARGS_* code.
      process.stderr.write(`nexus: ${error.message}\n${USAGE}\n`);
    } else {
      process.stderr.write(`nexus: ${describeError(error)}\n`);
    }
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
