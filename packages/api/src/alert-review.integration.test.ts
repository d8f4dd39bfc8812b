/**
 * The compliance workspace's bulk, export, saved-view, QA and STOR procedures on the real Postgres: each
 * refuses traders and ops with 403, each works for compliance, and four eyes hold across two officers.
 */
import { randomUUID } from "node:crypto";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { setQaSampleRate } from "@nexus/services/surveillance";
import { storeAlerts } from "@nexus/db/queries/surveillance-alerts";
import { createTestDatabase } from "@nexus/db/testing";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, rejection, signIn } from "../test/harness";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const sessions = { compliance: "", second: "", trader: "", ops: "" };
beforeAll(async () => {
  handle = await createTestDatabase("api_alert_review");
  for (const [key, role] of [
    ["compliance", "compliance"],
    ["second", "compliance"],
    ["trader", "trader"],
    ["ops", "ops"],
  ] as const) {
    const user = await createUserWithRole(handle.db, role);
    sessions[key] = await signIn(handle.db, user.email, user.password);
  }
});
afterAll(async () => {
  await handle.close();
});

const as = async (who: keyof typeof sessions) => (await callAs(handle.db, { session: sessions[who] })).caller;

async function newAlerts(symbol: string, count: number): Promise<string[]> {
  const alerts: SurveillanceAlert[] = Array.from({ length: count }, (_, index) => ({
    alertId: randomUUID(),
    type: "layering",
    severity: "high",
    confidence: 0.8,
    userId: randomUUID(),
    symbol,
    firstEventAt: "2026-11-30T14:30:00.000Z",
    lastEventAt: "2026-11-30T14:30:01.000Z",
    detectedAt: `2026-11-30T14:3${index}:00.000Z`,
    relatedOrderIds: [],
    description: "Layering: four bid levels pulled after a sell fill",
    recommendedAction: "Review",
    evidence: { metrics: { levels: 4 }, thresholds: { levels: 3 }, timeline: [] },
    updates: 0,
  }));
  await storeAlerts(
    handle.db,
    alerts.map((alert) => ({ alert })),
  );
  return alerts.map((alert) => alert.alertId);
}

describe("alert review procedures", () => {
  it("refuses traders and ops on every one of them", async () => {
    for (const role of ["trader", "ops"] as const) {
      const caller = await as(role);
      const id = randomUUID();
      for (const call of [
        caller.alerts.stepMatching({ filter: {}, action: "dismiss", reason: "duplicate", notes: "x" }),
        caller.alerts.assignMatching({ filter: {}, assigneeId: "me" }),
        caller.alerts.exportCsv({}),
        caller.alerts.savedViews(),
        caller.alerts.saveView({ name: "mine", query: "status=open" }),
        caller.alerts.deleteView({ id }),
        caller.alerts.qaQueue({}),
        caller.alerts.qaDecide({ alertId: id, outcome: "pass" }),
        caller.alerts.qaPolicy(),
        caller.alerts.setQaPolicy({ rate: "0.5" }),
        caller.alerts.stor({ id }),
        caller.alerts.storPdf({ id }),
      ])
        expect((await rejection(call)).code).toBe("FORBIDDEN");
    }
  });

  it("bulk-assigns and bulk-dismisses a filtered set with one reason, and exports it as CSV", async () => {
    const symbol = `BK${randomUUID().slice(0, 4).toUpperCase().replace(/-/g, "X")}`;
    const ids = await newAlerts(symbol, 3);
    const compliance = await as("compliance");
    expect((await compliance.alerts.assignMatching({ filter: { symbol }, assigneeId: "me" })).sort()).toEqual(
      [...ids].sort(),
    );
    expect((await compliance.alerts.queue({ filter: { assignee: "me", symbol } })).rows).toHaveLength(3);
    const refused = await rejection(
      compliance.alerts.stepMatching({ filter: { symbol }, action: "dismiss", notes: "no reason" }),
    );
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: "reason: dismiss needs a disposition reason",
    });
    const dismissed = await compliance.alerts.stepMatching({
      filter: { symbol, statuses: ["open"] },
      action: "dismiss",
      reason: "false_positive",
      notes: "Market maker refreshing quotes",
    });
    expect(dismissed.sort()).toEqual([...ids].sort());
    expect((await compliance.alerts.counts({ filter: { symbol } })).closed_no_action).toBe(3);
    const detail = await compliance.alerts.get({ id: ids[0] ?? "" });
    expect(detail.history.map((row) => row.action)).toContain("alert.dismiss");

    let csv = "";
    for await (const chunk of await compliance.alerts.exportCsv({
      filter: { symbol, statuses: ["closed_no_action"] },
    }))
      csv += chunk;
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.alert_id).sort()).toEqual([...ids].sort());
    expect(rows[0]).toMatchObject({ status: "closed_no_action", symbol });
  });

  it("keeps each officer's saved views to themselves", async () => {
    const compliance = await as("compliance");
    const view = await compliance.alerts.saveView({
      name: "High spoofing",
      query: "severity=high&type=spoofing",
    });
    await compliance.alerts.saveView({ name: "High spoofing", query: "severity=critical&type=spoofing" });
    expect((await compliance.alerts.savedViews()).map((row) => [row.name, row.query])).toEqual([
      ["High spoofing", "severity=critical&type=spoofing"],
    ]);
    const second = await as("second");
    expect(await second.alerts.savedViews()).toEqual([]);
    expect((await rejection(second.alerts.deleteView({ id: view.id }))).code).toBe("NOT_FOUND");
    expect((await rejection(compliance.alerts.saveView({ name: " ", query: "a=b" }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await rejection(compliance.alerts.saveView({ name: "x", query: "<script>" }))).code).toBe(
      "BAD_REQUEST",
    );
    await compliance.alerts.deleteView({ id: view.id });
    expect(await compliance.alerts.savedViews()).toEqual([]);
  });

  it("sends a sampled closure to a second officer, never its closer, and drafts a STOR once confirmed", async () => {
    const compliance = await as("compliance");
    const second = await as("second");
    await second.alerts.setQaPolicy({ rate: "1" });
    expect(await compliance.alerts.qaPolicy()).toEqual({ sampleRate: "1" });
    const [id = ""] = await newAlerts(`QA${randomUUID().slice(0, 4).toUpperCase().replace(/-/g, "X")}`, 1);
    expect((await rejection(compliance.alerts.stor({ id }))).code).toBe("CONFLICT");
    await compliance.alerts.step({ alertIds: [id], action: "review" });
    await compliance.alerts.step({
      alertIds: [id],
      action: "confirm",
      reason: "violation_reported",
      notes: "Filed",
    });

    const queued = (await second.alerts.qaQueue({})).find((row) => row.alertId === id);
    expect(queued).toMatchObject({ closedByCaller: false, status: "closed_reported" });
    expect((await compliance.alerts.qaQueue({})).find((row) => row.alertId === id)?.closedByCaller).toBe(
      true,
    );
    expect((await rejection(compliance.alerts.qaDecide({ alertId: id, outcome: "pass" }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await second.alerts.qaDecide({ alertId: id, outcome: "pass", notes: "Agree" })).toEqual({
      outcome: "passed",
      status: "closed_reported",
    });
    expect((await compliance.alerts.get({ id })).history.map((row) => row.action)).toEqual([
      "alert.review",
      "alert.confirm",
      "alert.qa_sampled",
      "alert.qa_pass",
    ]);

    const draft = await compliance.alerts.stor({ id });
    expect(draft.section1Submitter.naturalPersonName).toBe("Test compliance");
    expect(draft.section3Suspicion.nature).toBe("market_manipulation");
    const pdf = await compliance.alerts.storPdf({ id });
    expect(pdf.fileName).toBe(`stor-draft-${id}.pdf`);
    expect(Buffer.from(pdf.base64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    expect((await rejection(compliance.alerts.stor({ id: randomUUID() }))).code).toBe("NOT_FOUND");
    await setQaSampleRate(
      { db: handle.db, actor: { actorType: "cli", actorId: "test", ip: null }, now: new Date() },
      { rate: "0.1" },
    );
  });
});
