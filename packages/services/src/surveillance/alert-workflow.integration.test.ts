/**
 * The review workflow and the queue on the real Postgres: each step and its audit row commit together,
 * steps the state does not allow are refused by name, closing needs a reason and notes, a bulk step is
 * all or nothing, and the queue pages by keyset with its filters and counts.
 */
import { randomUUID } from "node:crypto";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { alertCountsByStatus, alertQueuePage } from "@nexus/db/queries/alert-queue";
import { listAuditOf } from "@nexus/db/queries/audit";
import { findAlert, storeAlerts } from "@nexus/db/queries/surveillance-alerts";
import { insertUserUnlessEmailTaken } from "@nexus/db/queries/users";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RandomSource } from "@nexus/core/random";
import type { Actor } from "../context";
import { assignAlerts, stepAlerts } from "./alert-workflow";

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("services_alert_workflow");
});
afterAll(async () => {
  await handle.close();
});

const reviewer: Actor = { actorType: "user", actorId: randomUUID(), ip: "10.1.1.1" };
const NOW = new Date("2026-12-01T10:00:00.000Z");
/** Never draws a closure for QA: these tests are about the workflow itself. */
const noQa: RandomSource = { nextUint32: () => 2 ** 32 - 1 };
const as = (actor: Actor = reviewer) => ({ db: handle.db, actor, now: NOW });

async function newAlert(overrides: Partial<SurveillanceAlert> = {}): Promise<string> {
  const alert: SurveillanceAlert = {
    alertId: randomUUID(),
    type: "spoofing",
    severity: "high",
    confidence: 0.8,
    userId: randomUUID(),
    symbol: "WFLW",
    firstEventAt: "2026-11-30T14:30:00.000Z",
    lastEventAt: "2026-11-30T14:30:02.000Z",
    detectedAt: "2026-11-30T14:30:02.000Z",
    relatedOrderIds: [],
    description: "Spoofing",
    recommendedAction: "Review",
    evidence: { metrics: {}, thresholds: {}, timeline: [] },
    updates: 0,
    ...overrides,
  };
  await storeAlerts(handle.db, [{ alert }]);
  return alert.alertId;
}

describe("alert workflow", () => {
  it("takes an alert through review, escalation and confirmation, each step audited with who, why and the states", async () => {
    const id = await newAlert();
    const [reviewing] = await stepAlerts(as(), [id], { action: "review" }, noQa);
    expect(reviewing).toMatchObject({ status: "under_review", assigneeId: reviewer.actorId });
    await stepAlerts(as(), [id], { action: "escalate", notes: "Pattern repeats across three days" }, noQa);
    const [confirmed] = await stepAlerts(
      as(),
      [id],
      {
        action: "confirm",
        reason: "violation_reported",
        notes: "Layered bids pulled within 900 ms, 14 times",
      },
      noQa,
    );
    expect(confirmed).toMatchObject({
      status: "closed_reported",
      dispositionBy: reviewer.actorId,
      dispositionReason: "violation_reported",
      dispositionNotes: "Layered bids pulled within 900 ms, 14 times",
    });
    expect(confirmed?.dispositionAt).toEqual(NOW);
    const history = await listAuditOf(handle.db, { entityType: "surveillance_alert", entityId: id });
    expect(
      history.map((row) => [
        row.action,
        (row.details as { from: string }).from,
        (row.details as { to: string }).to,
      ]),
    ).toEqual([
      ["alert.review", "open", "under_review"],
      ["alert.escalate", "under_review", "escalated"],
      ["alert.confirm", "escalated", "closed_reported"],
    ]);
    expect(history.every((row) => row.actorId === reviewer.actorId && row.ip === "10.1.1.1")).toBe(true);
  });

  it("refuses a step the state does not allow, naming both, and changes nothing", async () => {
    const id = await newAlert();
    await expect(
      stepAlerts(as(), [id], { action: "confirm", reason: "violation_reported", notes: "x" }, noQa),
    ).rejects.toMatchObject({
      problem: "invalid_transition",
      message: `alert ${id} is open: it cannot be confirmed (only when reviewing or escalated)`,
    });
    await expect(stepAlerts(as(), [id], { action: "reopen" }, noQa)).rejects.toMatchObject({
      problem: "invalid_transition",
    });
    expect((await findAlert(handle.db, id))?.status).toBe("open");
    expect(await listAuditOf(handle.db, { entityType: "surveillance_alert", entityId: id })).toEqual([]);
  });

  it("needs a disposition reason and notes to close, and refuses an unknown action or reason", async () => {
    const id = await newAlert();
    await expect(stepAlerts(as(), [id], { action: "dismiss", notes: "hedge" }, noQa)).rejects.toMatchObject({
      field: "reason",
    });
    await expect(
      stepAlerts(as(), [id], { action: "dismiss", reason: "false_positive", notes: "  " }, noQa),
    ).rejects.toMatchObject({
      field: "notes",
    });
    await expect(stepAlerts(as(), [id], { action: "delete" as "dismiss" }, noQa)).rejects.toMatchObject({
      field: "action",
    });
    await expect(
      stepAlerts(as(), [id], { action: "dismiss", reason: "bored" as "false_positive", notes: "x" }, noQa),
    ).rejects.toMatchObject({ field: "reason" });
    const [dismissed] = await stepAlerts(
      as(),
      [id],
      {
        action: "dismiss",
        reason: "legitimate_activity",
        notes: "Client hedge",
      },
      noQa,
    );
    expect(dismissed?.status).toBe("closed_no_action");
    const [reopened] = await stepAlerts(as(), [id], { action: "reopen", notes: "New evidence" }, noQa);
    expect(reopened).toMatchObject({ status: "under_review", dispositionAt: null, dispositionReason: null });
  });

  it("applies a bulk step to every selected alert or, if one refuses, to none", async () => {
    const [a, b, closed] = [await newAlert(), await newAlert(), await newAlert()];
    await stepAlerts(as(), [closed], { action: "dismiss", reason: "duplicate", notes: "dup" }, noQa);
    await expect(
      stepAlerts(as(), [a, b, closed], { action: "dismiss", reason: "false_positive", notes: "bulk" }, noQa),
    ).rejects.toMatchObject({ problem: "invalid_transition" });
    expect((await findAlert(handle.db, a))?.status).toBe("open");
    await expect(stepAlerts(as(), [a, randomUUID()], { action: "review" }, noQa)).rejects.toMatchObject({
      problem: "unknown_alert",
    });
    await expect(stepAlerts(as(), [], { action: "review" }, noQa)).rejects.toMatchObject({
      field: "alertIds",
    });
    const done = await stepAlerts(
      as(),
      [a, b, a],
      {
        action: "dismiss",
        reason: "false_positive",
        notes: "bulk",
      },
      noQa,
    );
    expect(done.map((row) => row.status)).toEqual(["closed_no_action", "closed_no_action"]);
  });

  it("assigns and unassigns, audited, and refuses to reassign a closed alert", async () => {
    const id = await newAlert();
    const userOf = async (role: "compliance" | "trader") =>
      (
        await insertUserUnlessEmailTaken(handle.db, {
          email: `${role}-${randomUUID()}@example.com`,
          name: `A ${role}`,
          role,
          passwordHash: "not-a-hash",
        })
      )?.id ?? "";
    const [colleague, trader] = [await userOf("compliance"), await userOf("trader")];
    await expect(assignAlerts(as(), [id], trader)).rejects.toMatchObject({ field: "assigneeId" });
    await expect(assignAlerts(as(), [id], randomUUID())).rejects.toMatchObject({ field: "assigneeId" });
    expect((await assignAlerts(as(), [id], colleague))[0]?.assigneeId).toBe(colleague);
    expect(await assignAlerts(as(), [id], colleague)).toEqual([]);
    expect((await assignAlerts(as(), [id], null))[0]?.assigneeId).toBeNull();
    expect(
      (await listAuditOf(handle.db, { entityType: "surveillance_alert", entityId: id })).map(
        (row) => row.action,
      ),
    ).toEqual(["alert.assign", "alert.assign"]);
    await stepAlerts(as(), [id], { action: "dismiss", reason: "false_positive", notes: "x" }, noQa);
    await expect(assignAlerts(as(), [id], colleague)).rejects.toMatchObject({
      problem: "invalid_transition",
    });
    await expect(assignAlerts(as(), [randomUUID()], colleague)).rejects.toMatchObject({
      problem: "unknown_alert",
    });
    await expect(assignAlerts(as(), [], colleague)).rejects.toMatchObject({ field: "alertIds" });
  });
});

describe("alert queue", () => {
  it("pages by keyset in both orders, filters, and counts per status", async () => {
    const symbol = `Q${randomUUID()
      .slice(0, 6)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "X")}`;
    const ids: string[] = [];
    for (let minute = 0; minute < 5; minute++)
      ids.push(
        await newAlert({
          symbol,
          detectedAt: `2026-11-30T15:0${minute}:00.000Z`,
          severity: minute % 2 === 0 ? "high" : "low",
        }),
      );
    await stepAlerts(as(), [ids[0] ?? ""], { action: "escalate" }, noQa);

    const newest = await alertQueuePage(handle.db, { filter: { symbol }, order: "newest", limit: 2 });
    expect(newest.rows.map((row) => row.id)).toEqual([ids[4], ids[3]]);
    const second = await alertQueuePage(handle.db, {
      filter: { symbol },
      order: "newest",
      limit: 2,
      after: newest.nextCursor,
    });
    expect(second.rows.map((row) => row.id)).toEqual([ids[2], ids[1]]);
    const last = await alertQueuePage(handle.db, {
      filter: { symbol },
      order: "newest",
      limit: 2,
      after: second.nextCursor,
    });
    expect(last).toEqual({
      rows: [expect.objectContaining({ id: ids[0], status: "escalated" })],
      nextCursor: undefined,
    });

    const oldestOpen = await alertQueuePage(handle.db, {
      filter: { symbol, statuses: ["open"] },
      order: "oldest",
      limit: 10,
    });
    expect(oldestOpen.rows.map((row) => row.id)).toEqual([ids[1], ids[2], ids[3], ids[4]]);
    const high = await alertQueuePage(handle.db, {
      filter: { symbol, severities: ["high"] },
      order: "newest",
      limit: 10,
    });
    expect(high.rows.map((row) => row.id)).toEqual([ids[4], ids[2], ids[0]]);
    const mine = await alertQueuePage(handle.db, {
      filter: { symbol, assignee: reviewer.actorId },
      order: "newest",
      limit: 10,
    });
    expect(mine.rows.map((row) => row.id)).toEqual([ids[0]]);
    const unassigned = await alertQueuePage(handle.db, {
      filter: { symbol, assignee: "unassigned" },
      order: "newest",
      limit: 10,
    });
    expect(unassigned.rows).toHaveLength(4);
    const window = await alertQueuePage(handle.db, {
      filter: { symbol, from: new Date("2026-11-30T15:01:00Z"), to: new Date("2026-11-30T15:03:00Z") },
      order: "newest",
      limit: 10,
    });
    expect(window.rows.map((row) => row.id)).toEqual([ids[2], ids[1]]);

    expect(await alertCountsByStatus(handle.db, { symbol, statuses: ["open"] })).toEqual({
      open: 4,
      under_review: 0,
      escalated: 1,
      closed_no_action: 0,
      closed_reported: 0,
    });
    await expect(
      alertQueuePage(handle.db, { filter: {}, order: "newest", limit: 1, after: "bm9wZQ" }),
    ).rejects.toThrow("after: not a cursor of this queue");
  });
});
