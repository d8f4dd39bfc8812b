/**
 * The Routing operations screens as ops use them: the venue dashboard with the routed flow's decisions
 * (made here through the routing service, over venues quoting in the database the web server shares),
 * and the drill-down into one decision; a trader cannot open them.
 */
import { randomUUID } from "node:crypto";
import { Decimal } from "@nexus/core/money";
import { createDb, type DbHandle } from "@nexus/db/client";
import { insertVenueConfiguration } from "@nexus/db/queries/routing";
import { InMemoryEventBus } from "@nexus/platform/bus";
import { MemoryCache } from "@nexus/platform/cache";
import { RoutingService, createPaperVenueGateway, databaseQuoteStore } from "@nexus/services/routing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newSession, signInAs } from "./lib/browser";

let browser: Browser;
let db: DbHandle;
let decisionId = "";
const symbol = `R${randomUUID().slice(0, 5).toUpperCase()}`;

async function session(role: "ops" | "trader"): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newSession(browser);
  await signInAs(opened.page, role);
  return opened;
}

beforeAll(async () => {
  db = createDb({ url: inject("databaseUrl"), max: 2 });
  for (const [venueId, takerFee] of [
    ["E2E-LIT-A", "0.0030"],
    ["E2E-LIT-B", "0.0009"],
  ] as const) {
    await insertVenueConfiguration(db.db, {
      venueId,
      name: venueId,
      venueType: "exchange",
      makerFee: new Decimal("-0.002"),
      takerFee: new Decimal(takerFee),
      expectedLatencyMs: 1,
    }).catch(() => undefined);
  }
  const quotes = databaseQuoteStore(db.db);
  const routing = new RoutingService({
    db: db.db,
    bus: new InMemoryEventBus(),
    cache: new MemoryCache(),
    quoteStore: quotes,
    gateway: createPaperVenueGateway(quotes),
  });
  const now = Date.now();
  await quotes.write([
    {
      venueId: "E2E-LIT-A",
      symbol,
      bidPrice: "50.00",
      bidSize: "500",
      askPrice: "50.02",
      askSize: "500",
      timestamp: now,
    },
    {
      venueId: "E2E-LIT-B",
      symbol,
      bidPrice: "50.00",
      bidSize: "300",
      askPrice: "50.02",
      askSize: "300",
      timestamp: now,
    },
  ]);
  const result = await routing.routeAndExecute({
    orderId: randomUUID(),
    userId: randomUUID(),
    symbol,
    side: "buy",
    quantity: "200",
    limitPrice: "50.05",
    strategy: "lowest_cost",
  });
  if (result.kind !== "executed") throw new Error("expected an execution");
  decisionId = result.decision.decisionId;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db?.close();
});

describe("Routing screens", () => {
  it("shows ops the venue dashboard and drills into a decision", async () => {
    const { context, page } = await session("ops");
    try {
      await page.goto("/routing");
      await page.getByRole("heading", { level: 2, name: "Venue quality, last 24 hours" }).waitFor();
      await page.getByRole("heading", { level: 2, name: /Routed orders per minute by venue/ }).waitFor();
      await page.getByRole("heading", { level: 2, name: /Circuit breaker history/ }).waitFor();
      const venues = page.getByRole("table", { name: "Venue quality" });
      await venues.getByRole("cell", { name: "E2E-LIT-B" }).first().waitFor();
      const link = page.getByRole("link", { name: new RegExp(`Decision for ${symbol}`) }).first();
      await link.click();
      await page.waitForURL(`**/routing/decisions/${decisionId}`);
      await page
        .getByRole("heading", { level: 2, name: `buy 200 ${symbol} limit 50.05: routed to E2E-LIT-B` })
        .waitFor();
      // Both venues quote 50.00 x 50.02: the NBBO shows their sizes together (500 + 300).
      await page.getByText(/bid 50(\.0+)? × 800, ask 50\.02 × 800/).waitFor();
      const candidates = page.getByRole("table", { name: "Eligible venues" });
      expect(await candidates.getByRole("row").count()).toBe(3);
      await page.getByRole("heading", { level: 2, name: "Child orders" }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("refuses the operations screens to a trader", async () => {
    const { context, page } = await session("trader");
    try {
      await page.goto("/routing");
      await page.getByRole("heading", { level: 2, name: "Access refused" }).waitFor();
      await page.goto(`/routing/decisions/${decisionId}`);
      await page.getByRole("heading", { level: 2, name: "Access refused" }).waitFor();
      expect(await page.getByText("E2E-LIT-B").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
