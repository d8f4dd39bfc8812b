/**
 * A compliance officer opens an alert, replays the order book from it, and steps through it: the
 * spoofer's resting order is marked on the ladder, one event forward takes it off (the cancel), one
 * millisecond back shows it again, and the moment stays in the address.
 */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { createDb } from "@nexus/db/client";
import { insertOrderEvents, insertTradeEvents } from "@nexus/db/queries/events";
import { surveillanceAlerts } from "@nexus/db/schema";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newSession, signInAs } from "./lib/browser";

const SYMBOL = `RP${randomUUID()
  .slice(0, 4)
  .toUpperCase()
  .replace(/[^A-Z0-9]/g, "X")}`;
const spoofer = randomUUID();
const at = (ms: number) => new Date(Date.parse("2026-11-24T14:30:00.000Z") + ms).toISOString();
const alertId = randomUUID();

function order(
  fields: Pick<OrderEvent, "event_type" | "side" | "price" | "quantity" | "occurred_at"> &
    Partial<Pick<OrderEvent, "order_id" | "user_id">>,
): OrderEvent {
  return {
    event_id: randomUUID(),
    order_id: randomUUID(),
    user_id: randomUUID(),
    symbol: SYMBOL,
    order_type: "limit",
    ...fields,
  };
}

let browser: Browser;
beforeAll(async () => {
  const bid = order({
    event_type: "order.created",
    side: "buy",
    price: "20.00",
    quantity: "300",
    occurred_at: at(100),
  });
  const spoof = order({
    event_type: "order.created",
    side: "sell",
    price: "20.10",
    quantity: "9000",
    occurred_at: at(200),
    user_id: spoofer,
  });
  const seller = order({
    event_type: "order.created",
    side: "sell",
    price: "20.00",
    quantity: "100",
    occurred_at: at(400),
  });
  const fill: TradeExecutedEvent = {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: at(400),
    trade_id: randomUUID(),
    symbol: SYMBOL,
    price: "20.00",
    quantity: "100",
    buy_order_id: bid.order_id,
    sell_order_id: seller.order_id,
    buy_user_id: bid.user_id,
    sell_user_id: seller.user_id,
    aggressor_side: "sell",
  };
  const cancel = order({
    event_type: "order.cancelled",
    side: "sell",
    price: "20.10",
    quantity: "9000",
    occurred_at: at(900),
    order_id: spoof.order_id,
    user_id: spoofer,
  });
  const handle = createDb({ url: inject("databaseUrl"), max: 1 });
  try {
    await insertOrderEvents(handle.db, [bid, spoof, seller, cancel]);
    await insertTradeEvents(handle.db, [fill]);
    await handle.db.insert(surveillanceAlerts).values({
      id: alertId,
      alertType: "spoofing",
      severity: "high",
      userId: spoofer,
      accountId: spoofer,
      symbol: SYMBOL,
      detectedAt: new Date(at(900)),
      firstEventAt: new Date(at(200)),
      lastEventAt: new Date(at(900)),
      description: `sell order of 9000 at 20.10 in ${SYMBOL} cancelled 500 ms after the market traded`,
      confidenceScore: new Decimal("0.8"),
      // What a spoofing detector stores: the reviewer's page reads the metrics, thresholds and timeline.
      evidence: {
        metrics: { cancelledVolume: 9000, cancelAfterFillMs: 500 },
        thresholds: { maxCancelAfterFillMs: 2000 },
        timeline: [
          {
            at: at(200),
            event: "created",
            orderId: spoof.order_id,
            side: "sell",
            price: "20.10",
            quantity: "9000",
          },
          {
            at: at(900),
            event: "cancelled",
            orderId: spoof.order_id,
            side: "sell",
            price: "20.10",
            quantity: "9000",
          },
        ],
      },
      recommendedAction: "Review the cancelled order.",
    });
  } finally {
    await handle.close();
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe("order-book replay", () => {
  it("is opened from an alert and stepped by event and by millisecond", async () => {
    const { context, page } = await newSession(browser);
    await signInAs(page, "compliance");
    await page.goto(`/alerts/${alertId}`);
    await page.getByRole("link", { name: "Replay the order book" }).click();
    await page.waitForURL(/\/surveillance\/replay\?/);

    // At the spoof's entry: the bid and the spoofer's 9000 offer, marked as the alert user's.
    const asks = page.getByRole("table", { name: "Asks" });
    const bids = page.getByRole("table", { name: "Bids" });
    await expect.poll(() => asks.getByRole("row").nth(1).innerText()).toContain("20.1");
    expect(await asks.getByRole("row").nth(1).innerText()).toMatch(/9000\s+1\s+9000/);
    expect(await bids.getByRole("row").nth(1).innerText()).toMatch(/20\s+300/);

    // One event forward: the trade at 14:30:00.400 fills 100 of the bid.
    await page.getByRole("button", { name: "Next event ▶" }).click();
    await expect.poll(() => bids.getByRole("row").nth(1).innerText()).toMatch(/20\s+200/);
    expect(page.url()).toContain(encodeURIComponent("2026-11-24T14:30:00.400000Z"));

    // And on to the cancel: the offer is gone.
    await page.getByRole("button", { name: "Next event ▶" }).click();
    await expect.poll(() => asks.innerText()).toContain("Nothing resting");

    // One millisecond back, before the cancel: the offer rests again.
    await page.getByRole("button", { name: "−1 ms" }).click();
    await expect.poll(() => asks.getByRole("row").nth(1).innerText()).toContain("9000");
    expect(await page.getByTestId("replay-at").innerText()).toBe("2026-11-24T14:30:00.899Z");
    await context.close();
  });
});
