/**
 * Historical scans fanned out over the worker group (issue 10, "Scale-out"): `nexus scan` with Kafka
 * publishes one request per symbol on SCAN_REQUEST_TOPIC, keyed by symbol, and the workers of the
 * group each scan the symbols of their partitions (services/surveillance `scanSymbols`), adding to the
 * scan's counters. The scan's row is the request's truth: a request whose scan is not in this database
 * (another deployment sharing the broker, or a scan since deleted) or is no longer running is skipped.
 * Any failure is retried (a symbol's alerts are stored idempotently, so a retried symbol does not
 * double them; its counters may then count it twice, which only makes the progress finish early).
 */
import type { Database } from "@nexus/db/client";
import { findScan } from "@nexus/db/queries/surveillance-scans";
import type { Consumer, Delivery, EventBus, OutgoingMessage, RawMessage } from "@nexus/platform/bus";
import type { Logger } from "@nexus/platform/logger";
import { SCAN_SYMBOLS_PER_READ, loadScanContext, scanSymbols } from "@nexus/services/surveillance";
import type { ScanContext } from "@nexus/services/surveillance";
import { z } from "zod";

/** Internal to NexusTrade (not part of the event contract). */
export const SCAN_REQUEST_TOPIC = "nexus.surveillance.scan-requests";

const scanRequestMessageSchema = z.strictObject({
  scan_id: z.uuid(),
  symbol: z.string().regex(/^[A-Z0-9.-]{1,20}$/),
});
type ScanRequestMessage = z.output<typeof scanRequestMessageSchema>;

export function scanRequestMessages(scanId: string, symbols: readonly string[]): OutgoingMessage[] {
  return symbols.map((symbol) => ({ key: symbol, value: JSON.stringify({ scan_id: scanId, symbol }) }));
}

function decode(message: RawMessage) {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(message.value).toString("utf8"));
  } catch {
    return { ok: false as const, reason: "not JSON" };
  }
  const parsed = scanRequestMessageSchema.safeParse(json);
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : {
        ok: false as const,
        reason: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
      };
}

/**
 * A partition's requests as reads: consecutive requests of one scan, up to SCAN_SYMBOLS_PER_READ symbols,
 * are replayed in one pass over the tables (a read per symbol visits every page once per symbol; in the
 * scan bench, six symbols read together took Postgres a third of the time of six reads).
 */
function readsOf(deliveries: readonly Delivery<ScanRequestMessage>[]) {
  const reads: { scanId: string; symbols: string[] }[] = [];
  for (const { value } of deliveries) {
    const last = reads.at(-1);
    if (last?.scanId === value.scan_id && last.symbols.length < SCAN_SYMBOLS_PER_READ)
      last.symbols.push(value.symbol);
    else reads.push({ scanId: value.scan_id, symbols: [value.symbol] });
  }
  return reads;
}

export function subscribeScanRequests(options: {
  bus: EventBus;
  db: Database;
  groupId: string;
  logger: Logger;
}): Promise<Consumer> {
  // The context (reference data, settings) a scan runs with is read once per scan and worker.
  const contexts = new Map<string, Promise<ScanContext>>();
  const contextOf = (scanId: string) => {
    let context = contexts.get(scanId);
    if (context === undefined) {
      if (contexts.size > 100) contexts.clear();
      context = loadScanContext(options.db);
      contexts.set(scanId, context);
    }
    return context;
  };
  return options.bus.subscribe<ScanRequestMessage>({
    groupId: options.groupId,
    topics: [SCAN_REQUEST_TOPIC],
    fromBeginning: true,
    decode,
    // Two reads at a time (of two partitions): one is read from the database while the other runs
    // through its engines, as runHistoricalScan does in one process.
    partitionsConsumedConcurrently: 2,
    handleBatch: async (deliveries: Delivery<ScanRequestMessage>[]) => {
      for (const { scanId, symbols } of readsOf(deliveries)) {
        const scan = await findScan(options.db, scanId);
        if (scan?.status !== "running") {
          options.logger.debug({ scanId, symbols }, "scan requests skipped: no such running scan");
          continue;
        }
        const results = await scanSymbols(
          { db: options.db, now: () => new Date() },
          scan,
          symbols,
          await contextOf(scan.id),
        );
        for (const { symbol, events, alerts } of results)
          options.logger.debug({ scanId, symbol, events, alerts }, "scanned");
      }
    },
  });
}
