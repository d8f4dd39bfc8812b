/**
 * Historical scans (issue 10): stored events of a period replayed through a fresh engine per symbol,
 * with the reference data and detector settings in force now, and the alerts stored tagged with the
 * scan (never published, never halting: a scan looks back). A scan is one row whose counters each
 * finished symbol adds to, so it can be spread over workers (the worker fans symbols out over Kafka)
 * or run in one process (`runHistoricalScan`).
 */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { createSurveillanceEngine } from "@nexus/core/surveillance";
import type { SurveillanceAlert, SurveillanceReferenceData, TradingPattern } from "@nexus/core/surveillance";
import type { Database } from "@nexus/db/client";
import { withAudit } from "@nexus/db/queries/audit";
import { notifySurveillanceConfigChanged } from "@nexus/db/queries/detector-configs";
import { streamEventHistory } from "@nexus/db/queries/event-history";
import { loadReferenceData } from "@nexus/db/queries/reference-data";
import {
  addScannedSymbol,
  failScan,
  insertScan,
  symbolsTradedBetween,
} from "@nexus/db/queries/surveillance-scans";
import type { ScanRow } from "@nexus/db/queries/surveillance-scans";
import { z } from "zod";
import type { ChangeContext } from "../context";
import { alertIdOf } from "./alert-ids";
import { loadDetectorSettings } from "./detector-settings";
import type { DetectorSettings } from "./detector-settings";
import { parseOrRefuse } from "./errors";
import { recordAlerts } from "./record-alerts";
import { raisedUnder } from "./settings-filter";

export const scanRequestSchema = z
  .strictObject({
    from: z.coerce.date({ error: "expected an ISO-8601 date or time" }),
    to: z.coerce.date({ error: "expected an ISO-8601 date or time" }),
    symbols: z
      .array(z.string().regex(/^[A-Z0-9.-]{1,20}$/, "expected 1-20 characters of A-Z 0-9 . -"))
      .max(10_000)
      .optional(),
    userIds: z.array(z.string().min(1)).max(10_000).optional(),
  })
  .refine((request) => request.from < request.to, { path: ["to"], message: "must be after from" });
export type ScanRequest = z.input<typeof scanRequestSchema>;

/** Reads a scan in one process runs at once (runHistoricalScan): two overlap reading and replaying. */
const SCAN_LANES = 2;

/**
 * Symbols one read replays together (replaySymbolsAlerts), in runHistoricalScan and in a worker given
 * several of a scan's symbols: fewer reads visit the tables' pages fewer times, and enough reads remain to
 * keep both lanes busy to the end.
 */
export const SCAN_SYMBOLS_PER_READ = 6;

export interface ScanContext {
  reference: SurveillanceReferenceData;
  settings: readonly DetectorSettings[];
}

/** The reference data and settings a scan runs with: those in force now. */
export async function loadScanContext(db: Database): Promise<ScanContext> {
  const [reference, settings] = await Promise.all([loadReferenceData(db), loadDetectorSettings(db)]);
  return { reference, settings };
}

/**
 * Who hands the scan's symbols out: `workers` (a request made through the API: the workers are told on
 * commit and the first to claim it fans it out) or the `caller` (`nexus scan`, which publishes the
 * requests itself or scans in its own process).
 */
export type ScanFanOut = "workers" | "caller";

/** Records the scan (audited: a scan writes alerts a reviewer will see) with its symbols resolved. */
export async function startScan(
  context: ChangeContext,
  input: ScanRequest,
  fanOut: ScanFanOut,
): Promise<ScanRow> {
  const request = parseOrRefuse(scanRequestSchema, input);
  const symbols = [...new Set(request.symbols ?? (await symbolsTradedBetween(context.db, request)))].sort();
  return withAudit(
    context.db,
    async (tx) => {
      const scan = await insertScan(tx, {
        id: randomUUID(),
        periodStart: request.from,
        periodEnd: request.to,
        symbols,
        userIds: request.userIds ?? [],
        requestedBy: `${context.actor.actorType}:${context.actor.actorId}`,
        // Nothing traded: there is nothing to wait for.
        fannedOutAt: fanOut === "caller" ? context.now : null,
        ...(symbols.length === 0 ? { status: "completed" as const, finishedAt: context.now } : {}),
      });
      if (fanOut === "workers" && symbols.length > 0)
        await notifySurveillanceConfigChanged(tx, "scan_requested");
      return scan;
    },
    (scan) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "scan.start",
      entityType: "surveillance_scan",
      entityId: scan.id,
      details: {
        from: scan.periodStart,
        to: scan.periodEnd,
        symbols: scan.symbols.length,
        userIds: scan.userIds,
      },
      ip: context.actor.ip,
    }),
  );
}

export interface SymbolScanResult {
  symbol: string;
  events: number;
  alerts: number;
  scan: ScanRow | undefined;
}

export interface SymbolsReplay {
  symbols: readonly string[];
  from: Date;
  to: Date;
  /** Only alerts about these users are kept; empty keeps all. */
  userIds: readonly string[];
}

/** What replaying one symbol gave: how many events were read, and the alerts of each context. */
export interface SymbolReplayResult {
  events: number;
  alerts: SurveillanceAlert[][];
}

/**
 * Replays each symbol's stored events of the period through a fresh engine per symbol and context (the
 * calibration sandbox compares the live settings with candidates), and returns, per symbol, the alerts
 * each context would raise under its settings and how many events were read. The symbols are read
 * together, in one pass over the tables (streamEventHistory): their events are interleaved on the heap,
 * so a read per symbol would visit every page once per symbol (on 1M stored orders of 36 symbols, six
 * symbols read at once took Postgres 3.0 s, the same six read one by one 8.7 s). Each symbol's engines see
 * only that symbol's events, in their order.
 */
export async function replaySymbolsAlerts(
  db: Database,
  replay: SymbolsReplay,
  contexts: readonly ScanContext[],
  newId: (pattern: TradingPattern) => string,
): Promise<Map<string, SymbolReplayResult>> {
  const users = new Set(replay.userIds);
  const runsOf = () =>
    contexts.map((context) => {
      const settings = new Map(context.settings.map((entry) => [entry.type, entry]));
      const engine = createSurveillanceEngine({ newId, reference: context.reference });
      for (const entry of context.settings) engine.updateThresholds(entry.type, entry.thresholds);
      const raised: SurveillanceAlert[] = [];
      const keep = (alerts: SurveillanceAlert[]) => {
        for (const alert of alerts)
          if ((users.size === 0 || users.has(alert.userId)) && raisedUnder(settings.get(alert.type), alert))
            raised.push(alert);
      };
      return { engine, keep, raised };
    });
  const symbols = new Map(replay.symbols.map((symbol) => [symbol, { events: 0, runs: runsOf() }]));
  // Streamed: each batch runs through the engines while the next is read (memory stays bounded).
  await streamEventHistory(
    db,
    { symbols: [...symbols.keys()], from: replay.from.toISOString(), to: replay.to.toISOString() },
    (batch) => {
      for (const event of batch) {
        // Read for these symbols only, so each event has its replay.
        const replayOf = symbols.get(event.symbol) as { events: number; runs: ReturnType<typeof runsOf> };
        replayOf.events++;
        for (const run of replayOf.runs) run.keep(feed(run.engine, event));
      }
    },
  );
  const results = new Map<string, SymbolReplayResult>();
  for (const [symbol, { events, runs }] of symbols) {
    for (const run of runs) run.keep(run.engine.flush());
    results.set(symbol, { events, alerts: runs.map((run) => run.raised) });
  }
  return results;
}

/** One symbol's replay (replaySymbolsAlerts of that symbol alone). */
export async function replaySymbolAlerts(
  db: Database,
  replay: Omit<SymbolsReplay, "symbols"> & { symbol: string },
  contexts: readonly ScanContext[],
  newId: (pattern: TradingPattern) => string,
): Promise<SymbolReplayResult> {
  const results = await replaySymbolsAlerts(db, { ...replay, symbols: [replay.symbol] }, contexts, newId);
  return results.get(replay.symbol) as SymbolReplayResult;
}

/**
 * Replays symbols of the scan together (replaySymbolsAlerts), then stores each one's alerts and adds it
 * to the scan's counters, in the order given.
 */
export async function scanSymbols(
  ports: { db: Database; now: () => Date },
  scan: Pick<ScanRow, "id" | "periodStart" | "periodEnd" | "userIds">,
  symbols: readonly string[],
  context: ScanContext,
): Promise<SymbolScanResult[]> {
  const settings = new Map(context.settings.map((entry) => [entry.type, entry]));
  const replays = await replaySymbolsAlerts(
    ports.db,
    { symbols, from: scan.periodStart, to: scan.periodEnd, userIds: scan.userIds },
    [context],
    (pattern) => alertIdOf(pattern, scan.id),
  );
  const results: SymbolScanResult[] = [];
  for (const [symbol, { events, alerts }] of replays) {
    const recorded = await recordAlerts({ db: ports.db, bus: noBus, now: ports.now }, alerts[0] ?? [], {
      scanId: scan.id,
      detectorVersionOf: (type) => settings.get(type)?.version ?? 0,
    });
    const updated = await addScannedSymbol(ports.db, {
      id: scan.id,
      events,
      alerts: recorded.changed.length,
      at: ports.now(),
    });
    results.push({ symbol, events, alerts: recorded.changed.length, scan: updated });
  }
  return results;
}

const feed = (engine: ReturnType<typeof createSurveillanceEngine>, event: OrderEvent | TradeExecutedEvent) =>
  event.event_type === "trade.executed" ? engine.processTradeEvent(event) : engine.processOrderEvent(event);

/** A scan publishes nothing (recordAlerts publishes live alerts only); this makes that explicit. */
const noBus = {
  publish: async () => {
    throw new Error("a historical scan does not publish");
  },
};

/**
 * Starts and runs a whole scan in this process, two reads of SCAN_SYMBOLS_PER_READ symbols at a time, telling
 * `onSymbol` of each symbol (the CLI's progress bar). A failure marks the scan failed with the reason and
 * is rethrown.
 */
export async function runHistoricalScan(
  context: ChangeContext,
  request: ScanRequest,
  onSymbol: (result: SymbolScanResult, total: number) => void = () => undefined,
): Promise<ScanRow> {
  const scan = await startScan(context, request, "caller");
  const scanContext = await loadScanContext(context.db);
  let latest: ScanRow = scan;
  const pending: string[][] = [];
  for (let start = 0; start < scan.symbols.length; start += SCAN_SYMBOLS_PER_READ)
    pending.push(scan.symbols.slice(start, start + SCAN_SYMBOLS_PER_READ));
  // SCAN_LANES reads at a time: while one's events run through their engines (CPU) the other's are
  // read and sorted (the database), so neither waits for the other.
  const lane = async () => {
    for (let symbols = pending.shift(); symbols !== undefined; symbols = pending.shift()) {
      const results = await scanSymbols(
        { db: context.db, now: () => new Date() },
        scan,
        symbols,
        scanContext,
      );
      for (const result of results) {
        // The row with the most symbols done carries the final counters, whichever lane finished last.
        if (result.scan !== undefined && result.scan.symbolsDone >= latest.symbolsDone) latest = result.scan;
        onSymbol(result, scan.symbols.length);
      }
    }
  };
  // A failed lane stops the others (nothing more is taken) and the scan fails once they have stopped.
  const outcomes = await Promise.allSettled(
    Array.from({ length: SCAN_LANES }, () =>
      lane().catch((error: unknown) => {
        pending.length = 0;
        throw error;
      }),
    ),
  );
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure !== undefined) {
    const error: unknown = failure.reason;
    await failScan(context.db, { id: scan.id, error: (error as Error).message, at: new Date() });
    throw error;
  }
  return latest;
}
