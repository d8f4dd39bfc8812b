/**
 * `nexus scan`: surveillance over the past.
 * - Over stored events (`--from --to [--symbols] [--users]`): the alerts are stored tagged with the
 *   scan's id. With KAFKA_BROKERS set the symbols are fanned out to the worker group (each worker
 *   scans the symbols of its partitions) and this command follows the scan's progress; otherwise it
 *   scans in this process.
 * - Over a file of contract events (`--file`), without a database: the surveillance.alerts messages
 *   the live pipeline would publish for those events, one JSON line each, to `--alerts-out`.
 */
import { createWriteStream } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { ConsumedEvent } from "@nexus/core/events";
import { EMPTY_REFERENCE_DATA, referenceDataOf, referenceFileSchema } from "@nexus/core/surveillance";
import type { DbHandle } from "@nexus/db/client";
import { findScan } from "@nexus/db/queries/surveillance-scans";
import type { ScanRow } from "@nexus/db/queries/surveillance-scans";
import type { EventBus } from "@nexus/platform/bus";
import type { Actor } from "@nexus/services/context";
import { runHistoricalScan, scanContractEvents, startScan } from "@nexus/services/surveillance";
import { SCAN_REQUEST_TOPIC, scanRequestMessages } from "../surveillance/scan-requests.js";
import { fileSize, readJsonlLines } from "./jsonl.js";
import type { OutputStream } from "./progress.js";
import { startProgress } from "./progress.js";
import { routeLine } from "./route-line.js";
import { UsageError } from "./usage-error.js";

export const SCAN_USAGE = `  nexus scan --from D --to D [--symbols A,B] [--users U,V]
      Replay the stored events of [from, to) (ISO-8601 dates or times) through a fresh engine with the
      current reference data and detector settings, and store the alerts tagged with the scan's id
      (never published). Default: every symbol with events in the period, every user. With
      KAFKA_BROKERS set, the symbols are fanned out to the running workers.
  nexus scan --file events.jsonl [--reference ref.json] --alerts-out alerts.jsonl
      The same over a file of contract events, no database: writes the surveillance.alerts messages
      (occurred_at = event time) the live pipeline would publish for them. Invalid lines are listed.`;

export type ScanCommandIo = {
  openDatabase: () => Promise<DbHandle>;
  /** The bus to fan a scan out on; undefined scans in this process. */
  openBus: () => EventBus | undefined;
  stdout: OutputStream;
  stderr: OutputStream;
  operator: string;
  /** How often a fanned-out scan's progress is read (ms). */
  pollMs?: number;
};

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");

const summaryOf = (scan: ScanRow) =>
  `scan ${scan.id} ${scan.status}: ${scan.symbolsDone}/${scan.symbols.length} symbols, ${scan.eventsScanned} events, ${scan.alertsRaised} alerts\n`;

export async function runScanCommand(args: string[], io: ScanCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      symbols: { type: "string" },
      users: { type: "string" },
      file: { type: "string" },
      reference: { type: "string" },
      "alerts-out": { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError("scan takes only options");
  if (values.file !== undefined) return scanFile(values.file, values.reference, values["alerts-out"], io);
  if (values.from === undefined || values.to === undefined)
    throw new UsageError("scan needs --from and --to (or --file)");
  const request = {
    from: values.from,
    to: values.to,
    symbols: list(values.symbols),
    userIds: list(values.users),
  };
  const actor: Actor = { actorType: "cli", actorId: io.operator, ip: null };
  const database = await io.openDatabase();
  const bus = io.openBus();
  try {
    const context = { db: database.db, actor, now: new Date() };
    if (bus === undefined) {
      let progress: ReturnType<typeof startProgress> | undefined;
      let done = 0;
      const scan = await runHistoricalScan(context, request, (_result, total) => {
        progress ??= startProgress("scan", total, io.stderr, "symbols");
        progress.update(++done);
      });
      progress?.stop();
      io.stdout.write(summaryOf(scan));
      return 0;
    }
    const scan = await startScan(context, request, "caller");
    await bus.publish(SCAN_REQUEST_TOPIC, scanRequestMessages(scan.id, scan.symbols));
    const progress = startProgress("scan", scan.symbols.length, io.stderr, "symbols");
    let latest: ScanRow = scan;
    while (latest.status === "running" && latest.symbols.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, io.pollMs ?? 500));
      latest = (await findScan(database.db, scan.id)) ?? latest;
      progress.update(latest.symbolsDone);
    }
    progress.stop();
    io.stdout.write(summaryOf(latest));
    return latest.status === "failed" ? 1 : 0;
  } finally {
    await bus?.close();
    await database.close();
  }
}

async function scanFile(
  file: string,
  referencePath: string | undefined,
  alertsOut: string | undefined,
  io: ScanCommandIo,
): Promise<number> {
  if (alertsOut === undefined) throw new UsageError("scan --file needs --alerts-out FILE");
  await access(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const reference =
    referencePath === undefined
      ? EMPTY_REFERENCE_DATA
      : referenceDataOf(referenceFileSchema.parse(JSON.parse(await readFile(referencePath, "utf8"))));
  const progress = startProgress("scan", await fileSize(file), io.stderr);
  const events: ConsumedEvent[] = [];
  const invalid: string[] = [];
  for await (const line of readJsonlLines(file)) {
    const routed = routeLine(line.text, { topicFromEvent: false });
    if (!routed.ok) invalid.push(`${file}:${line.lineNumber}: ${routed.reason}`);
    else if (!routed.decoded.ok) invalid.push(`${file}:${line.lineNumber}: ${routed.decoded.reason}`);
    else events.push(routed.decoded.event);
    progress.update(line.bytesRead);
  }
  progress.stop();
  const result = scanContractEvents(events, reference);
  const out = createWriteStream(alertsOut);
  for (const alert of result.alerts) out.write(`${JSON.stringify(alert)}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  for (const line of invalid.slice(0, 200)) io.stderr.write(`${line}\n`);
  io.stdout.write(
    `scanned ${file}: ${result.events} order and trade events, ${result.alerts.length} alert messages to ${alertsOut}, ${invalid.length} invalid lines\n`,
  );
  return invalid.length > 0 ? 2 : 0;
}
