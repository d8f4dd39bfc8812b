/**
 * The Portfolio screen as a trader uses it: their positions (built here by trades applied through the
 * position keeper) and VaR by the four methods, the component VaR chart, the VaR backtest beside each
 * method, a what-if trade, the correlation heatmap, a historical and a custom stress scenario, the
 * performance charts, a trade pushed to the open screen without a reload; another trader's portfolio
 * is refused.
 */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { createDb } from "@nexus/db/client";
import type { DbHandle } from "@nexus/db/client";
import { findUserByEmail } from "@nexus/db/queries/auth";
import { insertTradeEvents } from "@nexus/db/queries/events";
import { upsertMarketBars } from "@nexus/db/queries/market";
import { applyExecutedTrades } from "@nexus/services/portfolio";
import { syntheticBars } from "@nexus/services/portfolio/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoAccount, launchBrowser, newSession, signInAs } from "./lib/browser";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DbHandle;
let traderId = "";

function buy(userId: string, symbol: string, quantity: string, price: string): TradeExecutedEvent {
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
    buy_user_id: userId,
    sell_user_id: randomUUID(),
    aggressor_side: "buy",
  };
}

beforeAll(async () => {
  db = createDb({ url: inject("databaseUrl"), max: 2 });
  const trader = await findUserByEmail(db.db, demoAccount("trader").email);
  if (!trader) throw new Error("the demo trader is not seeded");
  traderId = trader.id;
  await upsertMarketBars(db.db, syntheticBars());
  const trades = [
    buy(trader.id, "AAA", "300", "101.25"),
    buy(trader.id, "BBB", "500", "49.80"),
    buy(trader.id, "CCC", "1000", "20.10"),
  ];
  await insertTradeEvents(db.db, trades);
  await applyExecutedTrades(db.db, trades);
  browser = await launchBrowser();
  ({ context, page } = await newSession(browser));
  await signInAs(page, "trader");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await db?.close();
});

describe("Portfolio screen", () => {
  it("shows the trader's positions and VaR by the four methods, and switches confidence", async () => {
    await page.goto("/portfolio");
    await page.getByRole("heading", { level: 2, name: "Positions (3)" }).waitFor();
    await expect(page.getByRole("cell", { name: "$30,375.00" }).isVisible()).resolves.toBe(true);
    for (const method of ["historical", "parametric", "monte_carlo", "cornish_fisher"]) {
      await page.getByTestId(`var-${method}`).waitFor();
    }
    const at99 = await page.getByTestId("var-monte_carlo").textContent();
    expect(at99).toMatch(/^\$[\d,]+\.\d{2}$/);
    await page.getByRole("button", { name: "95.0 %" }).click();
    await page.getByRole("heading", { name: /95\.0 %, 1D/ }).waitFor();
    await expect.poll(() => page.getByTestId("var-monte_carlo").textContent()).not.toBe(at99);
    await page.getByRole("button", { name: "Monte Carlo" }).click();
    await page.getByRole("heading", { name: "Component VaR, Monte Carlo" }).waitFor();
    await page.locator(".recharts-bar-rectangle").first().waitFor();
  });

  it("backtests each method beside its VaR: exceptions, Kupiec and Christoffersen p-values, Basel zone", async () => {
    const backtest = page.getByRole("table", { name: "VaR backtest by method" });
    await backtest.waitFor({ timeout: 30_000 });
    for (const method of ["historical", "parametric", "monte_carlo", "cornish_fisher"]) {
      await expect(page.getByTestId(`backtest-exceptions-${method}`).textContent()).resolves.toMatch(
        /^\d+ \/ \d+ \(\d+\.\d\)$/,
      );
      await expect(page.getByTestId(`backtest-zone-${method}`).textContent()).resolves.toMatch(
        /^(Green|Yellow|Red)$/,
      );
    }
    await page.getByRole("heading", { name: "Daily P&L and −VaR, Monte Carlo" }).waitFor();
    await page.getByRole("button", { name: "EWMA λ 0.94" }).click();
    await page.getByRole("rowheader", { name: "Parametric (EWMA)" }).waitFor();
  });

  it("shows the VaR before and after a what-if trade", async () => {
    await page.getByLabel("What-if quantity").fill("500");
    await page.getByLabel("What-if symbol").fill("AAA");
    await page.getByRole("button", { name: "Add 500 AAA" }).click();
    await expect(page.getByTestId("what-if-after").textContent()).resolves.toMatch(/^\$[\d,]+\.\d{2}$/);
  });

  it("shows the correlation heatmap and runs a historical stress episode", async () => {
    const heatmap = page.getByRole("table", { name: "Correlation matrix" });
    await heatmap.waitFor();
    expect(await heatmap.getByRole("row").count()).toBe(4);
    await page.getByLabel("Scenario").selectOption("2016-06-24");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByTestId("stress-pnl").textContent()).resolves.toContain("Brexit");
  });

  it("runs a custom scenario of symbol shocks", async () => {
    await page.getByLabel("Symbol shocks").fill("AAA -10");
    await page.getByRole("button", { name: "Run custom scenario" }).click();
    // 300 AAA marked at 101.25: $30,375.00 down 10 %.
    await expect(page.getByTestId("custom-stress-pnl").textContent()).resolves.toContain("-$3,037.50");
  });

  it("charts performance against the benchmark, with the monthly returns heatmap", async () => {
    await page.getByRole("button", { name: "Max" }).click();
    await page.getByRole("table", { name: "Monthly returns" }).waitFor();
    await page.locator(".recharts-line").first().waitFor();
    await page.getByRole("button", { name: "Beta" }).click();
    await page.getByRole("heading", { name: "Rolling beta, 63-day window" }).waitFor();
  });

  it("updates the open screen when a trade is applied, without a reload", async () => {
    await page.getByTestId("portfolio-live").filter({ hasText: "Live" }).waitFor();
    const trades = [buy(traderId, "AAA", "100", "101.25")];
    await insertTradeEvents(db.db, trades);
    const applied = Date.now();
    await applyExecutedTrades(db.db, trades);
    // Pushed, not polled (the screen polls every 5 s): the push lands within about a second.
    await page.getByTestId("portfolio-live").filter({ hasText: "last change" }).waitFor({ timeout: 5_000 });
    expect(Date.now() - applied).toBeLessThan(1_500);
    await page.getByRole("cell", { name: "$40,500.00" }).waitFor({ timeout: 5_000 });
  });

  it("refuses another user's portfolio to a trader", async () => {
    await page.goto(`/portfolio?user=${randomUUID()}`);
    await page.getByRole("alert").filter({ hasText: "Traders may open only their own portfolio." }).waitFor();
  });
});
