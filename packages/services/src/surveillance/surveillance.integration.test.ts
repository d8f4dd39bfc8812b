/**
 * The surveillance use cases on the real Postgres: what an alert stores and publishes (once, however
 * often it is recorded, and later from the outbox when the bus is down), the halt a critical alert raises, lifting it, the Risk notifier, and the
 * reference data import.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { decodeEvent } from "@nexus/core/events";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { listAudit } from "@nexus/db/queries/audit";
import { loadReferenceData } from "@nexus/db/queries/reference-data";
import { findAlert } from "@nexus/db/queries/surveillance-alerts";
import { findHalt, listActiveHalts } from "@nexus/db/queries/trading-halts";
import type { HaltRow } from "@nexus/db/queries/trading-halts";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import type { OutgoingMessage } from "@nexus/platform/bus";
import { createServiceClient } from "@nexus/platform/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../context";
import { liftHalt } from "./halts";
import { recordAlerts } from "./record-alerts";
import { importReferenceData } from "./reference-data";
import { loadDetectorSettings, updateDetectorSettings } from "./detector-settings";
import { announceHalts } from "./halt-announcer";
import { ALERT_OUTBOX_GRACE_MS, publishUnpublishedAlerts } from "./alert-outbox";

const NOW = new Date("2026-11-24T14:31:00.000Z");
const compliance: Actor = { actorType: "user", actorId: randomUUID(), ip: "10.0.0.7" };

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("services_surveillance");
});
afterAll(async () => {
  await handle.close();
});

class Published {
  readonly messages: Array<{ topic: string; message: OutgoingMessage }> = [];
  fail = false;
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.fail) throw new Error("broker unreachable");
    for (const message of messages) this.messages.push({ topic, message });
  }
  on(topic: string) {
    return this.messages
      .filter((entry) => entry.topic === topic)
      .map((entry) => {
        const decoded = decodeEvent(topic, Buffer.from(String(entry.message.value)));
        if (!decoded.ok) throw new Error(`published an invalid ${topic} message`);
        return decoded.event;
      });
  }
}

function alert(overrides: Partial<SurveillanceAlert> = {}): SurveillanceAlert {
  return {
    alertId: randomUUID(),
    type: "spoofing",
    severity: "high",
    confidence: 0.83,
    userId: randomUUID(),
    symbol: "AAPL",
    firstEventAt: "2026-11-24T14:30:00.000Z",
    lastEventAt: "2026-11-24T14:30:04.500Z",
    detectedAt: "2026-11-24T14:30:04.500Z",
    relatedOrderIds: [randomUUID()],
    description: "Spoofing: 5,000 bid pulled 900 ms after entry",
    recommendedAction: "Review the order timeline",
    evidence: {
      metrics: { cancelledQuantity: 5000 },
      thresholds: { minCancelledQuantity: 1000 },
      timeline: [],
    },
    updates: 0,
    ...overrides,
  };
}

const portsWith = (bus: Published) => ({ db: handle.db, bus, now: () => NOW });

/** The one halt a recording raised (fails the test when there is none). */
function theHalt(recorded: { halts: HaltRow[] }): HaltRow {
  const [halt] = recorded.halts;
  if (halt === undefined) throw new Error("expected a halt");
  return halt;
}

describe("recording alerts", () => {
  it("stores and publishes a new alert once, however often the same state is recorded", async () => {
    const bus = new Published();
    const raised = alert();
    const first = await recordAlerts(portsWith(bus), [raised], { scanId: null });
    const again = await recordAlerts(portsWith(bus), [raised, raised], { scanId: null });
    expect(first.changed).toHaveLength(1);
    expect(again.changed).toEqual([]);
    const published = bus.on("surveillance.alerts");
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      alert_id: raised.alertId,
      alert_type: "spoofing",
      confidence_score: 0.83,
    });
    const row = await findAlert(handle.db, raised.alertId);
    expect(row).toMatchObject({ status: "open", updateCount: 0, symbol: "AAPL", userId: raised.userId });
    expect(row?.confidenceScore.toString()).toBe("0.83");
    expect(row?.firstEventAt?.toISOString()).toBe(raised.firstEventAt);
    // Published, so nothing waits in the outbox.
    expect(row?.unpublishedMessage).toBeNull();
  });

  it("applies an update (a higher count) to the same row, keeps its review status, and publishes it", async () => {
    const bus = new Published();
    const raised = alert();
    await recordAlerts(portsWith(bus), [raised], { scanId: null });
    await handle.sql`update ${handle.sql(handle.schema)}.surveillance_alerts set status = 'under_review' where id = ${raised.alertId}`;
    const updated = { ...raised, updates: 1, confidence: 0.9, lastEventAt: "2026-11-24T14:30:40.000Z" };
    // An older state recorded after the newer one (a replay) changes nothing.
    await recordAlerts(portsWith(bus), [updated, raised], { scanId: null });
    await recordAlerts(portsWith(bus), [raised], { scanId: null });
    const row = await findAlert(handle.db, raised.alertId);
    expect(row).toMatchObject({ status: "under_review", updateCount: 1 });
    expect(row?.lastEventAt?.toISOString()).toBe("2026-11-24T14:30:40.000Z");
    const events = bus.on("surveillance.alerts");
    expect(
      events.map((event) => event.event_type === "surveillance.alert" && event.confidence_score),
    ).toEqual([0.83, 0.9]);
    expect(new Set(events.map((event) => event.event_id)).size).toBe(2);
  });

  it("stores the alert while the bus is down, and the outbox's round publishes its message once the grace is over", async () => {
    const bus = new Published();
    const raised = alert();
    bus.fail = true;
    const recorded = await recordAlerts(portsWith(bus), [raised], { scanId: null });
    expect(recorded.publishFailure).toEqual(new Error("broker unreachable"));
    expect(recorded.changed).toEqual([raised]);
    const [message] = recorded.messages;
    expect(message?.alert_id).toBe(raised.alertId);
    expect(await findAlert(handle.db, raised.alertId)).toMatchObject({ status: "open", updateCount: 0 });
    bus.fail = false;
    // Redelivered events recompute the stored state: nothing is stored or published again.
    expect((await recordAlerts(portsWith(bus), [raised], { scanId: null })).changed).toEqual([]);

    // Within the grace the message is the pipeline's to publish; after it, the round's.
    const publishedOf = () =>
      bus.on("surveillance.alerts").filter((event) => event.event_id === message?.event_id);
    const roundAt = (afterMs: number) =>
      publishUnpublishedAlerts({ db: handle.db, bus, now: () => new Date(Date.now() + afterMs) });
    await roundAt(0);
    expect(publishedOf()).toEqual([]);
    await roundAt(ALERT_OUTBOX_GRACE_MS + 1_000);
    expect(publishedOf()).toEqual([message]);
    expect((await findAlert(handle.db, raised.alertId))?.unpublishedMessage).toBeNull();
    await roundAt(ALERT_OUTBOX_GRACE_MS + 1_000);
    expect(publishedOf()).toHaveLength(1);
  });

  it("keeps a failed round's messages for the next, and publishes only an alert's latest waiting state", async () => {
    const bus = new Published();
    const raised = alert();
    bus.fail = true;
    await recordAlerts(portsWith(bus), [raised], { scanId: null });
    const updated = { ...raised, updates: 1, confidence: 0.95 };
    await recordAlerts(portsWith(bus), [updated], { scanId: null });
    const round = () =>
      publishUnpublishedAlerts({
        db: handle.db,
        bus,
        now: () => new Date(Date.now() + ALERT_OUTBOX_GRACE_MS + 1_000),
      });
    expect((await round()).failed).toEqual(new Error("broker unreachable"));
    bus.fail = false;
    expect((await round()).failed).toBeUndefined();
    const published = bus
      .on("surveillance.alerts")
      .filter((event) => event.event_type === "surveillance.alert" && event.alert_id === raised.alertId);
    expect(
      published.map((event) => event.event_type === "surveillance.alert" && event.evidence.updates),
    ).toEqual([1]);
  });

  it("tags a scan's alerts with the scan, and neither publishes nor halts for them", async () => {
    const bus = new Published();
    const scanId = randomUUID();
    const raised = alert({ severity: "critical", confidence: 1 });
    await recordAlerts(portsWith(bus), [raised], { scanId });
    expect((await findAlert(handle.db, raised.alertId))?.scanId).toBe(scanId);
    expect(bus.messages).toEqual([]);
    expect((await listActiveHalts(handle.db)).filter((halt) => halt.alertId === raised.alertId)).toEqual([]);
  });
});

describe("halts", () => {
  /** Only the halts raised from here on are pending: the schema is shared by this file's tests. */
  const announceEarlierHalts = () =>
    handle.sql`update ${handle.sql(handle.schema)}.trading_halts set risk_notified_at = now()`;

  it("halts the user on the symbol for a critical alert, once, and announces it once on risk.halts", async () => {
    await announceEarlierHalts();
    const bus = new Published();
    const userId = randomUUID();
    const critical = alert({
      type: "wash_trading",
      severity: "critical",
      confidence: 1,
      userId,
      symbol: "MSFT",
    });
    const halt = theHalt(await recordAlerts(portsWith(bus), [critical], { scanId: null }));
    expect(halt).toMatchObject({
      scope: "user_symbol",
      userId,
      symbol: "MSFT",
      status: "active",
      alertId: critical.alertId,
    });
    expect(halt.reason).toContain("Critical wash trading alert");

    // A second critical alert of the same user and symbol: the target is already halted.
    const second = alert({ severity: "critical", confidence: 1, userId, symbol: "MSFT" });
    expect((await recordAlerts(portsWith(bus), [second], { scanId: null })).halts).toEqual([]);
    expect(bus.on("risk.halts")).toEqual([]);

    const ports = { ...portsWith(bus), risk: undefined };
    expect(await announceHalts(ports)).toEqual({ announced: 1, failed: undefined });
    expect(await announceHalts(ports)).toEqual({ announced: 0, failed: undefined });
    expect(bus.on("risk.halts")).toEqual([
      expect.objectContaining({
        event_type: "risk.halt",
        halt_id: halt.id,
        scope: "user_symbol",
        user_id: userId,
        symbol: "MSFT",
        alert_id: critical.alertId,
      }),
    ]);
  });

  it("keeps a halt pending while the bus is down, and announces it under the same event id later", async () => {
    await announceEarlierHalts();
    const bus = new Published();
    const halt = theHalt(
      await recordAlerts(portsWith(bus), [alert({ severity: "critical", confidence: 1 })], { scanId: null }),
    );
    bus.fail = true;
    const down = await announceHalts({ ...portsWith(bus), risk: undefined });
    expect(down.announced).toBe(0);
    expect(down.failed).toBeInstanceOf(Error);
    expect((await findHalt(handle.db, halt.id))?.riskNotifiedAt).toBeNull();
    bus.fail = false;
    expect((await announceHalts({ ...portsWith(bus), risk: undefined })).announced).toBe(1);
    expect(bus.on("risk.halts").map((event) => event.event_type === "risk.halt" && event.halt_id)).toEqual([
      halt.id,
    ]);
    expect((await findHalt(handle.db, halt.id))?.riskNotifiedAt).toEqual(NOW);
  });

  it("lifts with a reason, audited and announced; refuses a blank reason, an unknown or a lifted halt", async () => {
    await announceEarlierHalts();
    const bus = new Published();
    const halt = theHalt(
      await recordAlerts(portsWith(bus), [alert({ severity: "critical", confidence: 1 })], { scanId: null }),
    );
    await announceHalts({ ...portsWith(bus), risk: undefined });
    const context = { db: handle.db, actor: compliance, now: NOW };
    await expect(liftHalt(context, { haltId: halt.id, reason: "  " })).rejects.toMatchObject({
      problem: "invalid",
      field: "reason",
    });
    const lifted = await liftHalt(context, { haltId: halt.id, reason: "Reviewed: market-making hedge" });
    expect(lifted).toMatchObject({
      status: "lifted",
      liftedBy: compliance.actorId,
      liftReason: "Reviewed: market-making hedge",
      riskNotifiedAt: null,
    });
    await announceHalts({ ...portsWith(bus), risk: undefined });
    expect(bus.on("risk.halts").at(-1)).toMatchObject({
      event_type: "risk.halt_lifted",
      halt_id: halt.id,
      reason: "Reviewed: market-making hedge",
    });
    const auditOfHalt = async () =>
      (await listAudit(handle.db, { limit: 50, entityType: "trading_halt" })).filter(
        (row) => row.entityId === halt.id,
      );
    expect(await auditOfHalt()).toEqual([
      expect.objectContaining({ action: "halt.lift", actorId: compliance.actorId, ip: "10.0.0.7" }),
    ]);

    await expect(liftHalt(context, { haltId: halt.id, reason: "again" })).rejects.toMatchObject({
      problem: "halt_not_active",
    });
    await expect(liftHalt(context, { haltId: randomUUID(), reason: "x" })).rejects.toMatchObject({
      problem: "unknown_halt",
    });
    // Refusals write no audit row.
    expect(await auditOfHalt()).toHaveLength(1);
  });

  it("tells the Risk service of each halt and lift with its event id as idempotency key, and keeps them while Risk is down", async () => {
    const received: Array<{ key: string | undefined; body: { event_type: string; halt_id: string } }> = [];
    let up = false;
    const server = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString()));
      request.on("end", () => {
        if (!up || request.url !== "/halts") {
          response.writeHead(503).end();
          return;
        }
        received.push({
          key: request.headers["idempotency-key"] as string | undefined,
          body: JSON.parse(text),
        });
        response.writeHead(202, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const risk = createServiceClient({
      name: "risk",
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      timeoutMs: 1000,
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      breaker: { consecutiveFailures: 100, halfOpenAfterMs: 1000 },
    });
    try {
      await announceEarlierHalts();
      const bus = new Published();
      const ports = { ...portsWith(bus), risk };
      const halt = theHalt(
        await recordAlerts(portsWith(bus), [alert({ severity: "critical", confidence: 1 })], {
          scanId: null,
        }),
      );

      const down = await announceHalts(ports);
      expect(down.announced).toBe(0);
      expect(down.failed).toBeDefined();
      expect((await findHalt(handle.db, halt.id))?.riskNotifiedAt).toBeNull();

      up = true;
      expect(await announceHalts(ports)).toEqual({ announced: 1, failed: undefined });
      expect(await announceHalts(ports)).toEqual({ announced: 0, failed: undefined });

      await liftHalt({ db: handle.db, actor: compliance, now: NOW }, { haltId: halt.id, reason: "cleared" });
      expect((await announceHalts(ports)).announced).toBe(1);
      expect(received.map((entry) => [entry.body.event_type, entry.body.halt_id])).toEqual([
        ["risk.halt", halt.id],
        ["risk.halt_lifted", halt.id],
      ]);
      expect(received.every((entry) => entry.key !== undefined && entry.key.length === 36)).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe("reference data import", () => {
  const file = {
    related_accounts: [["acct-b", "acct-a"]],
    beneficial_owners: { "acct-a": "owner-1", "acct-c": "owner-1" },
    desks: [{ desk_id: "D1", agency_users: ["u-agency"], principal_users: ["u-prop", "u-agency"] }],
    market_makers: ["u-mm", "u-mm"],
  };
  const context = () => ({ db: handle.db, actor: compliance, now: NOW });

  it("replaces the stored reference data with the file's, audited with counts before and after", async () => {
    await importReferenceData(context(), { market_makers: ["old-mm"] });
    const imported = await importReferenceData(context(), file);
    expect(imported.before).toEqual({ relatedAccounts: 0, beneficialOwners: 0, desks: 0, marketMakers: 1 });
    expect(await loadReferenceData(handle.db)).toEqual({
      relatedAccounts: [["acct-a", "acct-b"]],
      beneficialOwners: { "acct-a": "owner-1", "acct-c": "owner-1" },
      desks: [{ deskId: "D1", agencyUsers: ["u-agency"], principalUsers: ["u-agency", "u-prop"] }],
      marketMakers: ["u-mm"],
    });
    const [latest] = await listAudit(handle.db, { limit: 1, entityType: "reference_data" });
    expect(latest).toMatchObject({
      action: "reference_data.import",
      details: {
        before: imported.before,
        after: { relatedAccounts: 1, beneficialOwners: 2, desks: 1, marketMakers: 2 },
      },
    });
  });

  it("refuses unknown keys and bad entries by name, and changes nothing", async () => {
    await importReferenceData(context(), file);
    await expect(importReferenceData(context(), { ...file, market_maker: [] })).rejects.toThrow(
      "unknown key: market_maker",
    );
    await expect(importReferenceData(context(), { desks: [{ desk_id: "D2", traders: [] }] })).rejects.toThrow(
      "unknown key in desks.0: traders",
    );
    await expect(importReferenceData(context(), { related_accounts: [["a", "a"]] })).rejects.toMatchObject({
      field: "related_accounts.0",
      message: "related_accounts.0: an account cannot be related to itself",
    });
    expect((await loadReferenceData(handle.db)).marketMakers).toEqual(["u-mm"]);
  });
});

describe("detector settings", () => {
  const context = () => ({ db: handle.db, actor: compliance, now: NOW });

  it("runs on core's defaults until changed, then keeps only the overrides, versioned and audited old -> new", async () => {
    const defaults = (await loadDetectorSettings(handle.db)).find((entry) => entry.type === "momentum");
    expect(defaults).toMatchObject({
      enabled: true,
      overrides: {},
      version: 0,
      severityFloor: "low",
      scopeSymbols: [],
    });
    const [key, value] = Object.entries(defaults?.thresholds ?? {})[0] ?? [];
    if (key === undefined || value === undefined) throw new Error("momentum has no thresholds");

    const changed = await updateDetectorSettings(context(), {
      type: "momentum",
      thresholds: { [key]: value + 1 },
      scopeSymbols: ["AAPL"],
    });
    expect(changed).toMatchObject({ version: 1, overrides: { [key]: value + 1 }, scopeSymbols: ["AAPL"] });
    expect(changed.thresholds[key]).toBe(value + 1);
    const reset = await updateDetectorSettings(context(), { type: "momentum", thresholds: { [key]: null } });
    expect(reset).toMatchObject({ version: 2, overrides: {} });
    expect(reset.thresholds).toEqual(defaults?.thresholds);

    const audit = (await listAudit(handle.db, { limit: 10, entityType: "detector_config" })).filter(
      (row) => row.entityId === "momentum",
    );
    expect(audit.map((row) => row.details)).toEqual([
      {
        before: expect.objectContaining({ version: 1, thresholds: { [key]: value + 1 } }),
        after: expect.objectContaining({ version: 2, thresholds: {} }),
      },
      {
        before: expect.objectContaining({ version: 0, thresholds: {} }),
        after: expect.objectContaining({ version: 1, scopeSymbols: ["AAPL"] }),
      },
    ]);
  });

  it("refuses an unknown threshold, a negative one, an unknown type and a bad symbol, naming them, and changes nothing", async () => {
    const before = await loadDetectorSettings(handle.db);
    await expect(
      updateDetectorSettings(context(), { type: "spoofing", thresholds: { noSuchThing: 1 } }),
    ).rejects.toThrow("spoofing threshold noSuchThing: unknown threshold");
    const [key] = Object.keys(before.find((entry) => entry.type === "spoofing")?.thresholds ?? {});
    await expect(
      updateDetectorSettings(context(), { type: "spoofing", thresholds: { [key ?? ""]: -1 } }),
    ).rejects.toMatchObject({ problem: "invalid", field: "thresholds" });
    await expect(
      updateDetectorSettings(context(), { type: "insider_trading" as "spoofing" }),
    ).rejects.toMatchObject({ field: "type" });
    await expect(
      updateDetectorSettings(context(), { type: "spoofing", scopeSymbols: ["aapl"] }),
    ).rejects.toMatchObject({ field: "scopeSymbols.0" });
    expect(await loadDetectorSettings(handle.db)).toEqual(before);
  });
});
