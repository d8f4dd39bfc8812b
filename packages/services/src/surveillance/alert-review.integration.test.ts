/**
 * The review workspace's bulk steps, four-eyes QA, STOR draft and CSV export on the real Postgres:
 * every change commits with its audit rows (the alert's history), steps a state does not allow are
 * refused, a closer never QAs their own closure, and only a confirmed violation drafts a STOR.
 */
import { randomUUID } from "node:crypto";
import type { RandomSource } from "@nexus/core/random";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { storDraftSchema } from "@nexus/core/surveillance";
import { createUser } from "@nexus/db/queries/auth";
import { loadQaSampleRate, pendingQaReviews, qaReviewsOf } from "@nexus/db/queries/alert-qa";
import { listAuditOf } from "@nexus/db/queries/audit";
import { findAlert, storeAlerts } from "@nexus/db/queries/surveillance-alerts";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../context";
import { alertQueueCsv } from "./alert-export";
import { decideQa, setQaSampleRate } from "./alert-qa";
import { assignAlertsMatching, stepAlerts, stepAlertsMatching } from "./alert-workflow";
import { renderStorPdf } from "./stor-pdf";
import { storDraftOf } from "./stor-export";

let handle: TestSchema;
let closer: Actor;
let checker: Actor;
const suspectId = randomUUID();
beforeAll(async () => {
  handle = await createTestDatabase("services_alert_review");
  const person = async (name: string, id = randomUUID()) =>
    createUser(handle.db, { id, email: `${id}@example.com`, name, role: "compliance", passwordHash: "x" });
  closer = { actorType: "user", actorId: (await person("Casey Closer")).id, ip: "10.0.0.1" };
  checker = { actorType: "user", actorId: (await person("Quinn Checker")).id, ip: "10.0.0.2" };
  await person("Terry Trader", suspectId);
});
afterAll(async () => {
  await handle.close();
});

const NOW = new Date("2026-12-01T10:00:00.000Z");
const as = (actor: Actor) => ({ db: handle.db, actor, now: NOW });
const always: RandomSource = { nextUint32: () => 0 };
const never: RandomSource = { nextUint32: () => 2 ** 32 - 1 };

const uniqueSymbol = () => `R${randomUUID().slice(0, 5).toUpperCase().replace(/-/g, "X")}`;

async function newAlert(overrides: Partial<SurveillanceAlert> = {}): Promise<string> {
  const alert: SurveillanceAlert = {
    alertId: randomUUID(),
    type: "spoofing",
    severity: "high",
    confidence: 0.9,
    userId: suspectId,
    symbol: "RVW",
    firstEventAt: "2026-11-30T14:30:00.000Z",
    lastEventAt: "2026-11-30T14:30:02.000Z",
    detectedAt: "2026-11-30T14:30:02.000Z",
    relatedOrderIds: [randomUUID()],
    description: "Spoofing: bids of 9,000 cancelled within 400 ms",
    recommendedAction: "Review",
    evidence: { metrics: { cancel_ratio: 0.95 }, thresholds: { cancel_ratio: 0.9 }, timeline: [] },
    updates: 0,
    ...overrides,
  };
  await storeAlerts(handle.db, [{ alert }]);
  return alert.alertId;
}

const historyOf = async (id: string) =>
  (await listAuditOf(handle.db, { entityType: "surveillance_alert", entityId: id })).map((row) => row.action);

describe("bulk steps by filter", () => {
  it("dismisses every matching alert the step applies to, each with its reason and audit row, leaving closed ones alone", async () => {
    const symbol = uniqueSymbol();
    const [a, b, closed] = [
      await newAlert({ symbol }),
      await newAlert({ symbol }),
      await newAlert({ symbol }),
    ];
    await stepAlerts(as(closer), [closed], { action: "dismiss", reason: "duplicate", notes: "dup" }, never);
    const other = await newAlert({ symbol: uniqueSymbol() });

    const dismissed = await stepAlertsMatching(
      as(closer),
      { symbol },
      { action: "dismiss", reason: "false_positive", notes: "Market maker quoting both sides" },
      never,
    );
    expect(dismissed.map((row) => row.id).sort()).toEqual([a, b].sort());
    for (const id of [a, b]) {
      expect(await findAlert(handle.db, id)).toMatchObject({
        status: "closed_no_action",
        dispositionReason: "false_positive",
      });
      expect(await historyOf(id)).toEqual(["alert.dismiss"]);
    }
    expect(await historyOf(closed)).toEqual(["alert.dismiss"]);
    expect((await findAlert(handle.db, other))?.status).toBe("open");
  });

  it("still needs a reason, and refuses a filter whose statuses the step cannot start from", async () => {
    const symbol = uniqueSymbol();
    const id = await newAlert({ symbol });
    await expect(
      stepAlertsMatching(as(closer), { symbol }, { action: "dismiss", notes: "x" }, never),
    ).rejects.toMatchObject({ field: "reason" });
    await expect(
      stepAlertsMatching(
        as(closer),
        { symbol, statuses: ["closed_no_action"] },
        { action: "dismiss", reason: "false_positive", notes: "x" },
        never,
      ),
    ).rejects.toMatchObject({ problem: "invalid", field: "filter.statuses" });
    expect(await historyOf(id)).toEqual([]);
  });

  it("assigns every open matching alert and refuses a filter of closed alerts only", async () => {
    const symbol = uniqueSymbol();
    const [a, b] = [await newAlert({ symbol }), await newAlert({ symbol })];
    const assigned = await assignAlertsMatching(as(closer), { symbol }, checker.actorId);
    expect(assigned.map((row) => row.id).sort()).toEqual([a, b].sort());
    expect((await findAlert(handle.db, a))?.assigneeId).toBe(checker.actorId);
    expect(await historyOf(b)).toEqual(["alert.assign"]);
    await expect(
      assignAlertsMatching(as(closer), { symbol, statuses: ["closed_reported"] }, null),
    ).rejects.toMatchObject({ field: "filter.statuses" });
  });
});

describe("four-eyes QA", () => {
  it("sends sampled closures to a second reviewer who passes them, audited on the alert", async () => {
    const id = await newAlert();
    await stepAlerts(as(closer), [id], { action: "dismiss", reason: "false_positive", notes: "ok" }, always);
    expect((await pendingQaReviews(handle.db, 100)).map((row) => row.alertId)).toContain(id);

    await expect(decideQa(as(closer), id, { outcome: "pass" })).rejects.toMatchObject({
      problem: "four_eyes",
    });
    const { review, alert } = await decideQa(as(checker), id, { outcome: "pass", notes: "Agree" });
    expect(review).toMatchObject({
      outcome: "passed",
      reviewerId: checker.actorId,
      closedBy: closer.actorId,
    });
    expect(alert.status).toBe("closed_no_action");
    expect(await historyOf(id)).toEqual(["alert.dismiss", "alert.qa_sampled", "alert.qa_pass"]);
    expect((await pendingQaReviews(handle.db, 100)).map((row) => row.alertId)).not.toContain(id);
    await expect(decideQa(as(checker), id, { outcome: "pass" })).rejects.toMatchObject({
      problem: "invalid_transition",
    });
  });

  it("returns a closure to its closer for review, with notes, clearing the disposition", async () => {
    const id = await newAlert();
    await stepAlerts(as(closer), [id], { action: "dismiss", reason: "false_positive", notes: "ok" }, always);
    await expect(decideQa(as(checker), id, { outcome: "return" })).rejects.toMatchObject({ field: "notes" });
    const { alert } = await decideQa(as(checker), id, {
      outcome: "return",
      notes: "The cancels cluster before each fill: look again",
    });
    expect(alert).toMatchObject({
      status: "under_review",
      assigneeId: closer.actorId,
      dispositionReason: null,
      dispositionAt: null,
    });
    expect((await qaReviewsOf(handle.db, id))[0]).toMatchObject({ outcome: "returned" });
    expect(await historyOf(id)).toEqual(["alert.dismiss", "alert.qa_sampled", "alert.qa_return"]);
    await expect(decideQa(as(checker), randomUUID(), { outcome: "pass" })).rejects.toMatchObject({
      problem: "unknown_alert",
    });
  });

  it("samples at the configured rate: none at 0, audited when changed", async () => {
    expect((await loadQaSampleRate(handle.db)).toString()).toBe("0.1");
    await setQaSampleRate(as(checker), { rate: "0" });
    const id = await newAlert();
    await stepAlerts(as(closer), [id], { action: "dismiss", reason: "false_positive", notes: "ok" }, always);
    expect(await qaReviewsOf(handle.db, id)).toEqual([]);
    await expect(setQaSampleRate(as(checker), { rate: "1.5" })).rejects.toMatchObject({ field: "rate" });
    const [change] = await listAuditOf(handle.db, { entityType: "alert_qa_policy", entityId: "1" });
    expect(change?.details).toEqual({ before: { sampleRate: "0.1" }, after: { sampleRate: "0" } });
    await setQaSampleRate(as(checker), { rate: "0.1" });
  });
});

describe("atomicity", () => {
  // Stands in for a crash or lost connection between a change and its record: the test schema refuses
  // the audit insert of one chosen action, and everything the same transaction did must be gone too.
  async function refusingAuditOf<T>(action: string, call: () => Promise<T>): Promise<void> {
    await handle.sql.unsafe(`
      create or replace function refuse_audit() returns trigger language plpgsql as $$
      begin
        if new.action = '${action}' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$;
      create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit();`);
    try {
      await expect(call()).rejects.toThrow();
    } finally {
      await handle.sql.unsafe("drop trigger refuse_audit on audit_log");
    }
  }

  it("rolls back a bulk dismissal, its audit rows and its QA sample when one audit row cannot be written", async () => {
    const symbol = uniqueSymbol();
    const ids = [await newAlert({ symbol }), await newAlert({ symbol })];
    await refusingAuditOf("alert.qa_sampled", () =>
      stepAlertsMatching(
        as(closer),
        { symbol },
        { action: "dismiss", reason: "duplicate", notes: "x" },
        always,
      ),
    );
    for (const id of ids) {
      expect((await findAlert(handle.db, id))?.status).toBe("open");
      expect(await historyOf(id)).toEqual([]);
      expect(await qaReviewsOf(handle.db, id)).toEqual([]);
    }
  });

  it("keeps a closure and its pending review when the QA decision's audit row cannot be written", async () => {
    const id = await newAlert();
    await stepAlerts(as(closer), [id], { action: "dismiss", reason: "false_positive", notes: "ok" }, always);
    await refusingAuditOf("alert.qa_return", () =>
      decideQa(as(checker), id, { outcome: "return", notes: "Look again" }),
    );
    expect((await findAlert(handle.db, id))?.status).toBe("closed_no_action");
    expect((await qaReviewsOf(handle.db, id))[0]?.outcome).toBe("pending");
  });
});

describe("STOR draft and CSV export", () => {
  it("drafts a STOR for a confirmed violation only, as JSON and as a PDF", async () => {
    const id = await newAlert();
    const reporter = { name: "Casey Closer", email: "casey@example.com" };
    await expect(storDraftOf(handle.db, id, reporter, NOW)).rejects.toMatchObject({
      problem: "invalid_transition",
    });
    await stepAlerts(as(closer), [id], { action: "review" }, never);
    await stepAlerts(
      as(closer),
      [id],
      { action: "confirm", reason: "violation_reported", notes: "Repeated on three days" },
      never,
    );
    const draft = await storDraftOf(handle.db, id, reporter, NOW);
    expect(storDraftSchema.parse(draft)).toEqual(draft);
    expect(draft.section4SuspectedPerson.name).toBe("Terry Trader");
    expect(draft.section5AdditionalInformation.reviewerNotes).toBe("Repeated on three days");
    const pdf = await renderStorPdf(draft);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(2_000);
    await expect(storDraftOf(handle.db, randomUUID(), reporter, NOW)).rejects.toMatchObject({
      problem: "unknown_alert",
    });
  });

  it("exports every matching alert as CSV across pages, quoting what needs quoting", async () => {
    const symbol = uniqueSymbol();
    for (let index = 0; index < 3; index++)
      await newAlert({
        symbol,
        description: `Spoofing, "layer" ${index}`,
        detectedAt: `2026-11-30T15:0${index}:00.000Z`,
      });
    let csv = "";
    for await (const chunk of alertQueueCsv(handle.db, { symbol }, "oldest")) csv += chunk;
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.description)).toEqual(
      [0, 1, 2].map((index) => `Spoofing, "layer" ${index}`),
    );
    expect(rows[0]).toMatchObject({
      symbol,
      status: "open",
      severity: "high",
      detected_at: "2026-11-30T15:00:00.000Z",
    });
  });
});
