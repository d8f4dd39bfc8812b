/**
 * The `nexus` command, run in the calling process: cli.ts hands it the process's arguments, streams,
 * environment and user, tests hand it their own.
 *
 *   nexus replay FILE.jsonl [--topic-from-event] [--skip-invalid]   publish each line to Kafka
 *   nexus replay FILE.jsonl --ingest                                 decode and write to the database
 *   nexus db:migrate                                                 apply pending migrations
 *   nexus users create|list|disable|enable|set-role|reset-password   manage who signs in (cli/users.ts)
 *   nexus reference import FILE.json|show                           surveillance reference data (cli/reference.ts)
 *   nexus scan --from D --to D | --file F --alerts-out F              surveillance over the past (cli/scan.ts)
 *   nexus import-bars FILE.csv[.gz]                                  daily bars into the database (cli/import-bars.ts)
 *   nexus report 606a1|606b1|606b3|605 ...                           best-execution reports (cli/report.ts)
 *
 * Exit status: 0 done, 1 could not run (usage, missing file, unreachable service) or refused (an
 * unknown email, a taken one, a change that would leave no enabled admin), 2 ran but some lines were
 * not replayed (each reported as FILE:LINE: reason on stderr).
 */
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { openMigratedDatabase } from "../database.js";
import type { WorkerEnv } from "../env.js";
import { describeError } from "./describe-error.js";
import { IMPORT_BARS_USAGE, runImportBarsCommand } from "./import-bars.js";
import { fileSize, readJsonlLines } from "./jsonl.js";
import type { OutputStream } from "./progress.js";
import { startProgress } from "./progress.js";
import type { RejectedLine } from "./replay.js";
import { replayToBus, replayToDatabase } from "./replay.js";
import { UsageError } from "./usage-error.js";
import type { PasswordInput } from "./users-password.js";
import { REFERENCE_USAGE, runReferenceCommand } from "./reference.js";
import { REPORT_USAGE, runReportCommand } from "./report.js";
import { SCAN_USAGE, runScanCommand } from "./scan.js";
import { USERS_USAGE, runUsersCommand } from "./users.js";

/** What a run of `nexus` reads and writes besides its arguments. */
export interface CliIo {
  /** Where `users create` and `users reset-password` read a piped password. */
  stdin: PasswordInput;
  /** The usage asked for, the summary line, listings. */
  stdout: OutputStream;
  /** Errors, rejected lines and, on a terminal, the progress bar. */
  stderr: OutputStream;
  /**
   * The validated environment, read only by a command that needs it, so `--help` and usage errors
   * answer even with a broken configuration.
   */
  loadEnv: () => WorkerEnv;
  /** Who runs the command, as the audit log names them (users.ts `operatorName`). */
  operator: string;
}

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
${USERS_USAGE}
${REFERENCE_USAGE}
${SCAN_USAGE}
${IMPORT_BARS_USAGE}
${REPORT_USAGE}`;

/** At most this many rejected lines are listed; the count is always exact. */
const MAX_LISTED = 200;

function reportRejected(io: CliIo, file: string, rejected: readonly RejectedLine[]): void {
  for (const { lineNumber, reason } of rejected.slice(0, MAX_LISTED)) {
    io.stderr.write(`${file}:${lineNumber}: ${reason}\n`);
  }
  if (rejected.length > MAX_LISTED) io.stderr.write(`... and ${rejected.length - MAX_LISTED} more\n`);
}

async function replay(args: string[], io: CliIo): Promise<number> {
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
  const env = io.loadEnv();
  const progress = startProgress(values.ingest ? "ingest" : "replay", await fileSize(file), io.stderr);
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
      reportRejected(io, file, summary.invalid);
      io.stdout.write(
        `ingested ${file}: ${summary.lines} lines, ${summary.stored} stored, ${summary.duplicates} already stored, ${summary.invalid.length} invalid\n`,
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
  // The Kafka client logs each connection retry at error level: shown only when LOG_LEVEL names a
  // level other than the default, so that by default a failed replay is the one line runCli prints.
  const logger = createLogger({
    name: "nexus",
    level: env.LOG_LEVEL === "info" ? "silent" : env.LOG_LEVEL,
    destination: io.stderr,
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
    reportRejected(io, file, summary.skipped);
    io.stdout.write(
      `replayed ${file}: ${summary.lines} lines, ${summary.published} published to Kafka (${summary.publishedInvalid} invalid, left for the consumer to dead-letter), ${summary.skipped.length} skipped\n`,
    );
    return summary.skipped.length > 0 ? 2 : 0;
  } finally {
    progress.stop();
    await bus.close();
  }
}

async function dbMigrate(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) throw new UsageError("db:migrate takes no arguments");
  const env = io.loadEnv();
  const database = await openMigratedDatabase(env);
  await database.close();
  io.stdout.write(`migrated schema ${env.NEXUS_DB_SCHEMA}\n`);
  return 0;
}

/** Runs `nexus ARGV...` and returns its exit status; every failure ends as one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case "replay":
        return await replay(args, io);
      case "db:migrate":
        return await dbMigrate(args, io);
      case "import-bars":
        return await runImportBarsCommand(args, {
          openDatabase: () => openMigratedDatabase(io.loadEnv()),
          stdout: io.stdout,
          stderr: io.stderr,
          operator: io.operator,
        });
      case "reference":
        return await runReferenceCommand(args, {
          openDatabase: () => openMigratedDatabase(io.loadEnv()),
          print: (line) => io.stdout.write(`${line}\n`),
          operator: io.operator,
        });
      case "scan":
        return await runScanCommand(args, {
          openDatabase: () => openMigratedDatabase(io.loadEnv()),
          openBus: () => {
            const env = io.loadEnv();
            if (env.KAFKA_BROKERS === undefined) return undefined;
            const logger = createLogger({ name: "nexus", level: "silent", destination: io.stderr });
            return createEventBus({ brokers: env.KAFKA_BROKERS, clientId: "nexus-cli", logger });
          },
          stdout: io.stdout,
          stderr: io.stderr,
          operator: io.operator,
        });
      case "report":
        return await runReportCommand(args, {
          openDatabase: () => openMigratedDatabase(io.loadEnv()),
          stdout: io.stdout,
          now: () => new Date(),
        });
      case "users":
        return await runUsersCommand(args, {
          openDatabase: () => openMigratedDatabase(io.loadEnv()),
          stdin: io.stdin,
          print: (line) => io.stdout.write(`${line}\n`),
          operator: io.operator,
        });
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
      // parseArgs reports unknown options as a TypeError with an ERR_PARSE_ARGS_* code.
      io.stderr.write(`nexus: ${error.message}\n${USAGE}\n`);
    } else {
      io.stderr.write(`nexus: ${describeError(error)}\n`);
    }
    return 1;
  }
}
