/** The alerts procedures on the real Postgres: 403 for traders and ops, the queue, an alert with its history, and the workflow. */
import { randomUUID } from "node:crypto";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import type { OrderEvent } from "@nexus/core/events";
import { insertOrderEvents, insertTradeEvents } from "@nexus/db/queries/events";
import { storeAlerts } from "@nexus/db/queries/surveillance-alerts";
import { createTestDatabase } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, rejection, signIn } from "../test/harness";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const sessions = { compliance: "", trader: "", ops: "" };
const ids = { compliance: "", trader: "", ops: "" };
let complianceId = "";
beforeAll(async () => {
  handle = await createTestDatabase("api_alerts");
  for (const role of ["compliance", "trader", "ops"] as const) {
    const user = await createUserWithRole(handle.db, role);
    ids[role] = user.id;
    sessions[role] = await signIn(handle.db, user.email, user.password);
  }
  complianceId = ids.compliance;
});
afterAll(async () => {
  await handle.close();
});

const as = async (role: keyof typeof sessions) =>
  (await callAs(handle.db, { session: sessions[role] })).caller;

async function newAlert(
  symbol: string,
  userId = randomUUID(),
  options: { severity?: SurveillanceAlert["severity"]; detectedAt?: string } = {},
): Promise<string> {
  const alert: SurveillanceAlert = {
    alertId: randomUUID(),
    type: "wash_trading",
    severity: options.severity ?? "critical",
    confidence: 1,
    userId,
    symbol,
    firstEventAt: "2026-11-30T14:30:00.000Z",
    lastEventAt: "2026-11-30T14:30:00.005Z",
    detectedAt:
      options.detectedAt ??
      new Date(Date.parse("2026-11-30T14:30:00.005Z") + Math.floor(Math.random() * 1e6)).toISOString(),
    relatedOrderIds: [],
    description: "Wash trade: one account on both sides",
    recommendedAction: "Escalate",
    evidence: { metrics: { accounts: 1 }, thresholds: {}, timeline: [] },
    updates: 0,
  };
  await storeAlerts(handle.db, [{ alert }]);
  return alert.alertId;
}

describe("alerts", () => {
  it("refuses traders and ops on every procedure", async () => {
    for (const role of ["trader", "ops"] as const) {
      const caller = await as(role);
      for (const call of [
        caller.alerts.queue({}),
        caller.alerts.counts({}),
        caller.alerts.get({ id: randomUUID() }),
        caller.alerts.reasons(),
        caller.alerts.reviewers(),
        caller.alerts.step({ alertIds: [randomUUID()], action: "review" }),
        caller.alerts.assign({ alertIds: [randomUUID()], assigneeId: "me" }),
      ])
        expect((await rejection(call)).code).toBe("FORBIDDEN");
    }
  });

  it("lets compliance triage: my queue, the alert with its history and the user's other alerts, and closing with a reason", async () => {
    const userId = randomUUID();
    const [first, second] = [await newAlert("ALQA", userId), await newAlert("ALQB", userId)];
    const compliance = await as("compliance");
    await compliance.alerts.assign({ alertIds: [first], assigneeId: "me" });
    const mine = await compliance.alerts.queue({ filter: { assignee: "me" } });
    expect(mine.rows.map((row) => row.id)).toEqual([first]);
    expect((await compliance.alerts.counts({ filter: { symbol: "ALQA" } })).open).toBe(1);

    await compliance.alerts.step({ alertIds: [first], action: "review" });
    const refused = await rejection(
      compliance.alerts.step({ alertIds: [first], action: "dismiss", notes: "x" }),
    );
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: "reason: dismiss needs a disposition reason",
    });
    await compliance.alerts.step({
      alertIds: [first],
      action: "confirm",
      reason: "violation_reported",
      notes: "STOR filed",
    });
    const conflict = await rejection(compliance.alerts.step({ alertIds: [first], action: "escalate" }));
    expect(conflict.code).toBe("CONFLICT");

    const detail = await compliance.alerts.get({ id: first });
    expect(detail.alert).toMatchObject({
      status: "closed_reported",
      assigneeId: complianceId,
      confidenceScore: "1",
    });
    expect(detail.history.map((row) => row.action)).toEqual([
      "alert.assign",
      "alert.review",
      "alert.confirm",
    ]);
    expect(detail.related.map((row) => row.id)).toEqual([second]);
    expect((await compliance.alerts.reasons()).map((reason) => reason.code)).toContain("violation_reported");
    expect((await rejection(compliance.alerts.get({ id: randomUUID() }))).code).toBe("NOT_FOUND");
    expect((await rejection(compliance.alerts.queue({ cursor: "bm9wZQ" }))).code).toBe("BAD_REQUEST");
    expect(
      (await rejection(compliance.alerts.step({ alertIds: [randomUUID()], action: "review" }))).code,
    ).toBe("NOT_FOUND");
  });

  it("charts an alert whose evidence keeps counts (quote stuffing) from the episode's stored orders and fills", async () => {
    const userId = randomUUID();
    const order = (
      at: string,
      type: OrderEvent["event_type"],
      orderId: string = randomUUID(),
    ): OrderEvent => ({
      event_id: randomUUID(),
      event_type: type,
      occurred_at: at,
      order_id: orderId,
      user_id: userId,
      symbol: "STUF",
      side: "sell",
      order_type: "limit",
      price: "10.5",
      quantity: "100",
    });
    const placed = order("2026-11-30T14:30:00.000100Z", "order.created");
    await insertOrderEvents(handle.db, [
      order("2026-11-30T14:29:59.999000Z", "order.created"), // before the episode
      order("2026-11-30T14:30:00.005250Z", "order.cancelled", placed.order_id), // its last event, to the µs
      placed,
      { ...order("2026-11-30T14:30:00.002000Z", "order.created"), user_id: randomUUID() }, // someone else
    ]);
    await insertTradeEvents(handle.db, [
      {
        event_id: randomUUID(),
        event_type: "trade.executed",
        occurred_at: "2026-11-30T14:30:00.000100Z",
        trade_id: randomUUID(),
        symbol: "STUF",
        price: "10.5",
        quantity: "40",
        buy_order_id: randomUUID(),
        sell_order_id: placed.order_id,
        buy_user_id: randomUUID(),
        sell_user_id: userId,
        aggressor_side: "buy",
      },
    ]);
    const alert: SurveillanceAlert = {
      alertId: randomUUID(),
      type: "quote_stuffing",
      severity: "high",
      confidence: 0.9,
      userId,
      symbol: "STUF",
      firstEventAt: "2026-11-30T14:30:00.000Z",
      lastEventAt: "2026-11-30T14:30:00.005250Z",
      detectedAt: "2026-11-30T14:30:00.005250Z",
      relatedOrderIds: [],
      description: "Quote stuffing",
      recommendedAction: "Review",
      evidence: { metrics: { ordersEntered: 2 }, thresholds: {}, timeline: [] },
      updates: 0,
    };
    await storeAlerts(handle.db, [{ alert }]);
    const detail = await (await as("compliance")).alerts.get({ id: alert.alertId });
    expect(detail.episodeTimeline).toEqual([
      expect.objectContaining({
        at: "2026-11-30T14:30:00.000100Z",
        event: "created",
        side: "sell",
        price: "10.5",
      }),
      expect.objectContaining({ event: "filled", orderId: placed.order_id, side: "sell", quantity: "40" }),
      expect.objectContaining({ at: "2026-11-30T14:30:00.005250Z", event: "cancelled", userId }),
    ]);

    // Evidence with a timeline of its own is charted as it is: nothing is read.
    const withTimeline = { ...alert, alertId: randomUUID(), type: "spoofing" as const };
    withTimeline.evidence = { ...alert.evidence, timeline: detail.episodeTimeline };
    await storeAlerts(handle.db, [{ alert: withTimeline }]);
    expect((await (await as("compliance")).alerts.get({ id: withTimeline.alertId })).episodeTimeline).toEqual(
      [],
    );
  });

  it("orders the queue for triage: critical first, the longest waiting first within a severity, page after page", async () => {
    const at = (minute: number) => `2026-11-02T14:${String(minute).padStart(2, "0")}:00.000Z`;
    const made = {
      mediumOld: await newAlert("TRIAGE", undefined, { severity: "medium", detectedAt: at(1) }),
      criticalNew: await newAlert("TRIAGE", undefined, { severity: "critical", detectedAt: at(9) }),
      lowOld: await newAlert("TRIAGE", undefined, { severity: "low", detectedAt: at(0) }),
      criticalOld: await newAlert("TRIAGE", undefined, { severity: "critical", detectedAt: at(5) }),
      high: await newAlert("TRIAGE", undefined, { severity: "high", detectedAt: at(7) }),
    };
    const compliance = await as("compliance");
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await compliance.alerts.queue({
        filter: { symbol: "TRIAGE" },
        order: "severity",
        limit: 2,
        ...(cursor === undefined ? {} : { cursor }),
      });
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual([made.criticalOld, made.criticalNew, made.high, made.mediumOld, made.lowOld]);
  });

  it("assigns to another reviewer from the reviewers list, and refuses an assignee who is not a reviewer", async () => {
    const colleague = await createUserWithRole(handle.db, "compliance");
    const alert = await newAlert("ASSIGN");
    const compliance = await as("compliance");
    const reviewers = await compliance.alerts.reviewers();
    expect(reviewers.map((reviewer) => reviewer.id)).toEqual(
      expect.arrayContaining([complianceId, colleague.id]),
    );
    expect(reviewers.map((reviewer) => reviewer.id)).not.toContain(ids.trader);
    await compliance.alerts.assign({ alertIds: [alert], assigneeId: colleague.id });
    expect((await compliance.alerts.get({ id: alert })).alert.assigneeId).toBe(colleague.id);
    const refused = await rejection(compliance.alerts.assign({ alertIds: [alert], assigneeId: ids.trader }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(refused.message).toContain("assigneeId");
    expect((await compliance.alerts.get({ id: alert })).alert.assigneeId).toBe(colleague.id);
  });
});
