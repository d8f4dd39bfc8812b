/**
 * Who may open which portfolio, procedure by procedure, against the real Postgres: a trader only their
 * own (FORBIDDEN for anyone else's, existing or guessed), compliance and admin anyone's, ops nobody's,
 * and other services only with the `portfolio:read` scope.
 */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { insertTradeEvents } from "@nexus/db/queries/events";
import { flagSuspectMoves, upsertMarketBars } from "@nexus/db/queries/market";
import { listAudit } from "@nexus/db/queries/audit";
import { Decimal } from "@nexus/core/money";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { applyExecutedTrades } from "@nexus/services/portfolio";
import { syntheticBars } from "@nexus/services/portfolio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createRestHandler } from "./openapi";
import { callAs, createUserWithRole, rejection, signIn, testDeps } from "../test/harness";

let db: TestSchema;
const sessions: Record<"owner" | "otherTrader" | "compliance" | "admin" | "ops", string> = {
  owner: "",
  otherTrader: "",
  compliance: "",
  admin: "",
  ops: "",
};
let ownerId = "";
let otherTraderId = "";
const keys = { portfolio: "", cash: "", none: "" };

function trade(
  buyer: string,
  seller: string,
  symbol: string,
  quantity: string,
  price: string,
): TradeExecutedEvent {
  return {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: new Date().toISOString(),
    trade_id: randomUUID(),
    symbol,
    price,
    quantity,
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: buyer,
    sell_user_id: seller,
    aggressor_side: "buy",
  };
}

beforeAll(async () => {
  db = await createTestDatabase("api_portfolio");
  await upsertMarketBars(db.db, syntheticBars());
  for (const role of ["compliance", "admin", "ops"] as const) {
    const user = await createUserWithRole(db.db, role);
    sessions[role] = await signIn(db.db, user.email, user.password);
  }
  const owner = await createUserWithRole(db.db, "trader");
  ownerId = owner.id;
  sessions.owner = await signIn(db.db, owner.email, owner.password);
  const other = await createUserWithRole(db.db, "trader");
  otherTraderId = other.id;
  sessions.otherTrader = await signIn(db.db, other.email, other.password);
  const trades = [
    trade(ownerId, otherTraderId, "AAA", "100", "101.5"),
    trade(ownerId, otherTraderId, "BBB", "300", "48"),
  ];
  await insertTradeEvents(db.db, trades);
  await applyExecutedTrades(db.db, trades);
  const admin = (await callAs(db.db, { session: sessions.admin })).caller;
  keys.portfolio = (await admin.apiKeys.create({ name: "risk-dashboard", scopes: ["portfolio:read"] })).key;
  keys.cash = (await admin.apiKeys.create({ name: "cashiering", scopes: ["portfolio:cash"] })).key;
  keys.none = (await admin.apiKeys.create({ name: "no-scopes", scopes: [] })).key;
});
afterAll(async () => {
  await db.close();
});

/** What a caller over HTTP receives (in process, the risk figures are RawJson). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const as = async (who: keyof typeof sessions) => (await callAs(db.db, { session: sessions[who] })).caller;
type Caller = Awaited<ReturnType<typeof as>>;

/** Every procedure of the router that opens a user's portfolio, with valid parameters. */
const PROCEDURES: Record<string, (caller: Caller, userId: string) => Promise<unknown>> = {
  summary: (caller, userId) => caller.portfolio.summary({ userId }),
  positions: (caller, userId) => caller.portfolio.positions({ userId }),
  valueAtRisk: (caller, userId) => caller.portfolio.valueAtRisk({ userId, lookbackDays: 250 }),
  expectedShortfall: (caller, userId) => caller.portfolio.expectedShortfall({ userId, lookbackDays: 250 }),
  varBacktest: (caller, userId) =>
    caller.portfolio.varBacktest({ userId, methods: ["historical"], confidence: 0.95, lookbackDays: 40 }),
  performance: (caller, userId) => caller.portfolio.performance({ userId }),
  performanceSeries: (caller, userId) => caller.portfolio.performanceSeries({ userId, rollingWindow: 21 }),
  riskDecomposition: (caller, userId) => caller.portfolio.riskDecomposition({ userId, lookbackDays: 250 }),
  correlation: (caller, userId) => caller.portfolio.correlation({ userId, lookbackDays: 250 }),
  marginalVar: (caller, userId) =>
    caller.portfolio.marginalVar({ userId, lookbackDays: 250, trade: { symbol: "AAA", quantity: "500" } }),
  stressTest: (caller, userId) =>
    caller.portfolio.stressTest({ userId, custom: { name: "AAA -20 %", changes: { AAA: "-0.2" } } }),
  historicalReturns: (caller, userId) => caller.portfolio.historicalReturns({ userId, frequency: "monthly" }),
  invalidate: (caller, userId) => caller.portfolio.invalidate({ userId }),
  accountReturns: (caller, userId) => caller.portfolio.accountReturns({ userId, from: "2026-01-01" }),
  cashMovements: (caller, userId) => caller.portfolio.cashMovements({ userId }),
};

describe.each(Object.entries(PROCEDURES))("portfolio.%s", (_name, call) => {
  it("answers the owner, compliance and admin", async () => {
    for (const who of ["owner", "compliance", "admin"] as const) {
      await expect(call(await as(who), ownerId)).resolves.toBeDefined();
    }
  });

  it("refuses another trader, for an existing portfolio and for a guessed id alike", async () => {
    const trader = await as("otherTrader");
    for (const userId of [ownerId, randomUUID()]) {
      expect(await rejection(call(trader, userId))).toMatchObject({
        code: "FORBIDDEN",
        message: "Traders may open only their own portfolio.",
      });
    }
  });

  it("refuses ops and anonymous callers", async () => {
    expect((await rejection(call(await as("ops"), ownerId))).code).toBe("FORBIDDEN");
    expect((await rejection(call((await callAs(db.db)).caller, ownerId))).code).toBe("UNAUTHORIZED");
  });
});

describe("portfolio figures", () => {
  it("gives the owner their book in decimal strings and VaR by the four methods", async () => {
    const owner = await as("owner");
    expect(await owner.portfolio.summary({ userId: ownerId })).toMatchObject({
      marketValue: "24550",
      realizedPnl: "0",
      openPositions: 2,
    });
    const results = plain(
      await owner.portfolio.valueAtRisk({ userId: ownerId, lookbackDays: 250 }),
    ) as Array<{
      method: string;
      var: string;
    }>;
    expect(results.map((result) => result.method)).toEqual([
      "historical",
      "parametric",
      "monte_carlo",
      "cornish_fisher",
    ]);
    expect(Number(results[0]?.var)).toBeGreaterThan(0);
  });

  it("backtests each method beside its VaR, and switches parametric VaR to EWMA volatility", async () => {
    const owner = await as("owner");
    const backtests = plain(
      await owner.portfolio.varBacktest({ userId: ownerId, confidence: 0.95, lookbackDays: 40 }),
    ) as Array<{ method: string; observations: number; kupiec: { pValue: number }; zone: string }>;
    expect(backtests.map((result) => [result.method, result.observations])).toEqual([
      ["historical", 250],
      ["parametric", 250],
      ["monte_carlo", 250],
      ["cornish_fisher", 250],
    ]);
    for (const result of backtests) {
      expect(result.kupiec.pValue).toBeGreaterThanOrEqual(0);
      expect(["green", "yellow", "red"]).toContain(result.zone);
    }
    const parametric = async (volatility: "sample" | "ewma") =>
      (
        plain(
          await owner.portfolio.valueAtRisk({
            userId: ownerId,
            lookbackDays: 250,
            methods: ["parametric"],
            volatility,
          }),
        ) as Array<{ var: string; notes: string[] }>
      )[0];
    const [sample, ewma] = [await parametric("sample"), await parametric("ewma")];
    expect(ewma?.var).not.toBe(sample?.var);
    expect(ewma?.notes[0]).toContain("EWMA");
  });

  it("says which parameter is wrong, and why a figure cannot be given", async () => {
    const owner = await as("owner");
    const bad = await rejection(owner.portfolio.valueAtRisk({ userId: ownerId, confidence: 2 }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("confidence");
    const short = await rejection(owner.portfolio.valueAtRisk({ userId: ownerId, lookbackDays: 10 }));
    expect(short).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("lookbackDays"),
    });
    // Compliance may open any id; one that never traded has nothing to measure.
    const empty = await rejection((await as("compliance")).portfolio.valueAtRisk({ userId: randomUUID() }));
    expect(empty.code).toBe("UNPROCESSABLE_CONTENT");
  });
});

describe("cash movements", () => {
  const movement = {
    kind: "deposit" as const,
    amount: "2500.50",
    effectiveDate: "2026-01-05",
    note: "opening wire",
  };

  it("lets ops record a deposit for a trader, audited, and the owner sees it in cash", async () => {
    const ops = await as("ops");
    const before = (await (await as("owner")).portfolio.summary({ userId: ownerId })) as { cash: string };
    const recorded = (await ops.portfolio.recordCashMovement({ userId: ownerId, ...movement })) as {
      id: string;
      amount: string;
    };
    expect(recorded.amount).toBe("2500.5");
    const [entry] = await listAudit(db.db, { limit: 1, entityType: "cash_movement" });
    expect(entry).toMatchObject({ action: "cash.deposit", entityId: recorded.id, actorType: "user" });
    const owner = await as("owner");
    const after = (await owner.portfolio.summary({ userId: ownerId })) as {
      cash: string;
      netDeposits: string;
    };
    expect(new Decimal(after.cash).minus(before.cash).toFixed()).toBe("2500.5");
    expect(after.netDeposits).toBe("2500.5");
    expect(await owner.portfolio.cashMovements({ userId: ownerId })).toMatchObject([
      { kind: "deposit", amount: "2500.5", note: "opening wire" },
    ]);
  });

  it("refuses traders and compliance, a zero or malformed amount, and an account that is no trader's", async () => {
    for (const who of ["owner", "compliance"] as const) {
      const refused = await rejection(
        (await as(who)).portfolio.recordCashMovement({ userId: ownerId, ...movement }),
      );
      expect(refused.code).toBe("FORBIDDEN");
    }
    const ops = await as("ops");
    for (const amount of ["0", "-5", "1.23456", "12e3"]) {
      const bad = await rejection(ops.portfolio.recordCashMovement({ userId: ownerId, ...movement, amount }));
      expect(bad).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("amount") });
    }
    const nobody = await rejection(ops.portfolio.recordCashMovement({ userId: randomUUID(), ...movement }));
    expect(nobody.code).toBe("NOT_FOUND");
  });
});

describe("data quality", () => {
  it("lets compliance review the flagged moves and confirm one, with the reason audited; not traders", async () => {
    await upsertMarketBars(db.db, [{ symbol: "AAA", date: "2017-03-01", close: new Decimal("400") }]);
    await flagSuspectMoves(db.db, ["AAA"], 0.4);
    const compliance = await as("compliance");
    const suspected = (await compliance.portfolio.suspectMoves({ status: "suspected" })) as Array<{
      symbol: string;
      date: string;
    }>;
    expect(suspected.map((flag) => `${flag.symbol} ${flag.date}`)).toContain("AAA 2017-03-01");
    expect((await rejection((await as("owner")).portfolio.suspectMoves({}))).code).toBe("FORBIDDEN");

    const short = await rejection(
      compliance.portfolio.confirmMove({ symbol: "AAA", date: "2017-03-01", note: "" }),
    );
    expect(short).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("note") });
    expect(
      await compliance.portfolio.confirmMove({
        symbol: "AAA",
        date: "2017-03-01",
        note: "4:1 reverse split",
      }),
    ).toMatchObject({ status: "confirmed", note: "4:1 reverse split" });
    const again = await rejection(
      compliance.portfolio.confirmMove({ symbol: "AAA", date: "2017-03-01", note: "4:1 reverse split" }),
    );
    expect(again.code).toBe("NOT_FOUND");
    const [entry] = await listAudit(db.db, { limit: 1, entityType: "market_bar_flag" });
    expect(entry).toMatchObject({
      action: "market_data.confirm_move",
      entityId: "AAA@2017-03-01",
      actorType: "user",
    });
  });
});

describe("REST", () => {
  const rest = () => createRestHandler(testDeps(db.db));
  const get = (path: string, key: string) =>
    rest()(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }));

  it("serves a portfolio to a service holding portfolio:read, and to no other key", async () => {
    const allowed = await get(`/portfolio/${ownerId}/summary`, keys.portfolio);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ marketValue: "24550" });
    expect((await get(`/portfolio/${ownerId}/summary`, keys.none)).status).toBe(403);
  });

  it("records a withdrawal for a service holding portfolio:cash, and for no other key", async () => {
    const post = (key: string) =>
      rest()(
        new Request(`http://localhost/api/v1/portfolio/${otherTraderId}/cash-movements`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({
            kind: "withdrawal",
            amount: "100",
            effectiveDate: "2026-02-02",
            note: "wire out",
          }),
        }),
      );
    const response = await post(keys.cash);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: "withdrawal", amount: "100", userId: otherTraderId });
    expect((await post(keys.portfolio)).status).toBe(403);
  });

  it("computes VaR from a JSON body", async () => {
    const response = await rest()(
      new Request(`http://localhost/api/v1/portfolio/${ownerId}/var`, {
        method: "POST",
        headers: { authorization: `Bearer ${keys.portfolio}`, "content-type": "application/json" },
        body: JSON.stringify({ methods: ["parametric"], confidence: 0.95, lookbackDays: 250 }),
      }),
    );
    expect(response.status).toBe(200);
    const [result] = (await response.json()) as Array<{ method: string; confidence: number }>;
    expect(result).toMatchObject({ method: "parametric", confidence: 0.95 });
  });
});
