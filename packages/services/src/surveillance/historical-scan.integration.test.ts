/**
 * Historical scans over the real Postgres: stored events replayed through a fresh engine, alerts
 * stored under the scan (never published, never halting), the users filter, progress counters, and
 * the file scan giving the ids the live pipeline gives.
 */
import { randomUUID } from "node:crypto";
import { listAudit } from "@nexus/db/queries/audit";
import { insertOrderEvents, insertTradeEvents } from "@nexus/db/queries/events";
import { findScan } from "@nexus/db/queries/surveillance-scans";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../context";
import { scanContractEvents } from "./file-scan";
import { loadScanContext, runHistoricalScan, scanSymbols, startScan } from "./historical-scan";
import { selfTrade } from "./self-trade.testing";

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("services_scans");
});
afterAll(async () => {
  await handle.close();
});

const analyst: Actor = { actorType: "user", actorId: randomUUID(), ip: null };
const context = () => ({ db: handle.db, actor: analyst, now: new Date("2026-12-01T00:00:00Z") });

async function store(...flows: Array<ReturnType<typeof selfTrade>>) {
  await insertOrderEvents(
    handle.db,
    flows.flatMap((flow) => flow.orders),
  );
  await insertTradeEvents(
    handle.db,
    flows.flatMap((flow) => flow.trades),
  );
}

const scanAlerts = (scanId: string) =>
  handle.sql<{ user_id: string; symbol: string; alert_type: string }[]>`
    select user_id::text, symbol, alert_type from ${handle.sql(handle.schema)}.surveillance_alerts
     where scan_id = ${scanId} order by symbol`;

describe("historical scan", () => {
  it("finds the period's patterns on every traded symbol, stores them under the scan and counts its progress", async () => {
    const inside = [selfTrade("SCNA", "2026-03-02T15:00:00Z"), selfTrade("SCNB", "2026-03-02T16:30:00Z")];
    const outside = selfTrade("SCNA", "2026-03-03T15:00:00Z");
    await store(...inside, outside);
    const seen: string[] = [];
    const scan = await runHistoricalScan(
      context(),
      { from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z" },
      (result, total) => seen.push(`${result.symbol}:${result.events}/${total}`),
    );
    expect(scan).toMatchObject({
      status: "completed",
      symbols: ["SCNA", "SCNB"],
      symbolsDone: 2,
      eventsScanned: 6,
      alertsRaised: 2,
    });
    expect(scan.finishedAt).toBeInstanceOf(Date);
    // Symbols are scanned in lanes side by side, so their progress reports may come in either order.
    expect(seen.sort()).toEqual(["SCNA:3/2", "SCNB:3/2"]);
    expect(await scanAlerts(scan.id)).toEqual([
      { user_id: inside[0]?.userId, symbol: "SCNA", alert_type: "wash_trading" },
      { user_id: inside[1]?.userId, symbol: "SCNB", alert_type: "wash_trading" },
    ]);
    // Looking back neither halts nor publishes: no halt for these critical alerts.
    const halts =
      await handle.sql`select 1 from ${handle.sql(handle.schema)}.trading_halts where user_id = ${inside[0]?.userId ?? ""}`;
    expect(halts).toHaveLength(0);
    const [audit] = await listAudit(handle.db, { limit: 1, entityType: "surveillance_scan" });
    expect(audit).toMatchObject({ action: "scan.start", entityId: scan.id, actorId: analyst.actorId });
  });

  it("keeps only the chosen users' alerts, on the chosen symbols, and scans each scan apart", async () => {
    const [mine, theirs] = [
      selfTrade("SCNC", "2026-04-01T15:00:00Z"),
      selfTrade("SCNC", "2026-04-01T15:10:00Z"),
    ];
    await store(mine, theirs);
    const period = { from: "2026-04-01T00:00:00Z", to: "2026-04-02T00:00:00Z", symbols: ["SCNC"] };
    const filtered = await runHistoricalScan(context(), { ...period, userIds: [mine.userId] });
    expect((await scanAlerts(filtered.id)).map((row) => row.user_id)).toEqual([mine.userId]);
    const everyone = await runHistoricalScan(context(), period);
    expect(await scanAlerts(everyone.id)).toHaveLength(2);
  });

  it("scans more symbols than one read takes, each symbol's events on their own though stored interleaved", async () => {
    // Nine symbols (two reads in one process), one self-trade each by the same user at the same
    // instants, stored side by side: each symbol raises its own alert, with its own events only.
    const user = randomUUID();
    const symbols = Array.from({ length: 9 }, (_, index) => `SCNM${index}`);
    const flows = symbols.map((symbol) => selfTrade(symbol, "2026-06-01T15:00:00Z", user));
    await store(...flows);
    const seen: string[] = [];
    const scan = await runHistoricalScan(
      context(),
      { from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z" },
      (result) => seen.push(`${result.symbol}:${result.events}:${result.alerts}`),
    );
    expect(scan).toMatchObject({ status: "completed", symbolsDone: 9, eventsScanned: 27, alertsRaised: 9 });
    expect(seen.sort()).toEqual(symbols.map((symbol) => `${symbol}:3:1`));
    expect(await scanAlerts(scan.id)).toEqual(
      symbols.map((symbol) => ({ user_id: user, symbol, alert_type: "wash_trading" })),
    );
  });

  it("scans some of a scan's symbols at a time, in one read, as a worker given its symbols does", async () => {
    const flows = [
      selfTrade("SCNW", "2026-07-01T15:00:00Z"),
      selfTrade("SCNX", "2026-07-01T15:00:00Z"),
      selfTrade("SCNY", "2026-07-01T15:00:01Z"),
    ];
    await store(...flows);
    const scan = await startScan(context(), { from: "2026-07-01", to: "2026-07-02" }, "workers");
    const scanContext = await loadScanContext(handle.db);
    const ports = { db: handle.db, now: () => new Date("2026-12-01T00:00:01Z") };
    const [first] = await scanSymbols(ports, scan, ["SCNW"], scanContext);
    expect(first).toMatchObject({
      symbol: "SCNW",
      events: 3,
      alerts: 1,
      scan: { symbolsDone: 1, status: "running" },
    });
    const rest = await scanSymbols(ports, scan, ["SCNX", "SCNY"], scanContext);
    expect(rest.map(({ symbol, events, alerts }) => [symbol, events, alerts])).toEqual([
      ["SCNX", 3, 1],
      ["SCNY", 3, 1],
    ]);
    expect(rest.at(-1)?.scan).toMatchObject({
      symbolsDone: 3,
      eventsScanned: 9,
      alertsRaised: 3,
      status: "completed",
    });
  });

  it("refuses a period that ends before it starts or a malformed symbol, naming the field", async () => {
    await expect(
      startScan(context(), { from: "2026-04-02", to: "2026-04-01" }, "caller"),
    ).rejects.toMatchObject({
      field: "to",
    });
    await expect(
      startScan(context(), { from: "2026-04-01", to: "2026-04-02", symbols: ["aapl"] }, "caller"),
    ).rejects.toMatchObject({
      field: "symbols.0",
    });
    await expect(
      startScan(context(), { from: "yesterday", to: "2026-04-02" }, "caller"),
    ).rejects.toMatchObject({
      field: "from",
    });
  });

  it("completes at once a scan of a period without events", async () => {
    const scan = await startScan(context(), { from: "1999-01-01", to: "1999-01-02" }, "workers");
    expect(scan).toMatchObject({ symbols: [], status: "completed", eventsScanned: 0 });
    expect((await findScan(handle.db, scan.id))?.finishedAt).toEqual(context().now);
  });
});

describe("file scan", () => {
  it("raises the same alert whatever order the file lists the events in, with event time as occurred_at", () => {
    const flow = selfTrade("SCND", "2026-05-01T15:00:00Z");
    const inOrder = scanContractEvents([...flow.orders, ...flow.trades]);
    const tradeFirst = scanContractEvents([...flow.trades, ...flow.orders]);
    expect(inOrder.events).toBe(3);
    expect(inOrder.alerts).toHaveLength(1);
    expect(inOrder.alerts[0]).toMatchObject({
      alert_type: "wash_trading",
      user_id: flow.userId,
      occurred_at: "2026-05-01T15:00:00.003Z",
    });
    expect(tradeFirst.alerts).toEqual(inOrder.alerts);
  });

  it("skips quotes and returns nothing for a file without orders or trades", () => {
    const quote = {
      event_id: randomUUID(),
      event_type: "quote" as const,
      occurred_at: "2026-05-01T15:00:00.000Z",
      venue_id: "XNAS",
      symbol: "SCND",
      bid_price: "49.99",
      bid_size: "100",
      ask_price: "50.01",
      ask_size: "100",
    };
    expect(scanContractEvents([quote])).toEqual({ alerts: [], events: 0 });
    expect(scanContractEvents([])).toEqual({ alerts: [], events: 0 });
  });
});
