/**
 * The compliance workspace as an officer uses it (issue 11): the queue filtered through the address,
 * an alert's timeline, escalating and confirming it with a reason (both in its history), and a bulk
 * dismissal of a filtered set with one reason; traders and ops are refused the screens.
 */
import { randomUUID } from "node:crypto";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { createDb } from "@nexus/db/client";
import { storeAlerts } from "@nexus/db/queries/surveillance-alerts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newSession, signInAs } from "./lib/browser";

let browser: Browser;
const suffix = randomUUID()
  .slice(0, 4)
  .toUpperCase()
  .replace(/[^A-Z0-9]/g, "X");
const REVIEWED = `E${suffix}A`;
const BULK = `E${suffix}B`;

function alertOn(symbol: string, minute: number, type: SurveillanceAlert["type"]): SurveillanceAlert {
  const at = (second: number) => `2026-12-01T14:${String(minute).padStart(2, "0")}:0${second}.000Z`;
  const userId = randomUUID();
  return {
    alertId: randomUUID(),
    type,
    severity: "high",
    confidence: 0.9,
    userId,
    symbol,
    firstEventAt: at(0),
    lastEventAt: at(3),
    detectedAt: at(3),
    relatedOrderIds: [],
    description: `${type === "spoofing" ? "Spoofing" : "Layering"}: bids of 5,000 pulled within 400 ms`,
    recommendedAction: "Review",
    evidence: {
      metrics: { cancel_ratio: 0.96 },
      thresholds: { cancel_ratio: 0.9 },
      timeline: (["created", "created", "cancelled", "filled"] as const).map((event, second) => ({
        at: at(second),
        event,
        orderId: randomUUID(),
        userId,
        side: second === 3 ? "sell" : "buy",
        price: (100 - second * 0.05).toFixed(2),
        quantity: "5000",
      })),
    },
    updates: 0,
  };
}

beforeAll(async () => {
  const handle = createDb({ url: inject("databaseUrl"), max: 1 });
  try {
    await storeAlerts(handle.db, [
      { alert: alertOn(REVIEWED, 1, "spoofing") },
      ...[2, 3, 4].map((minute) => ({ alert: alertOn(BULK, minute, "layering") })),
    ]);
  } finally {
    await handle.close();
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe("the compliance workspace", () => {
  it("filters the queue in the address, escalates and confirms an alert with a reason, and bulk-dismisses a filtered set", async () => {
    const { context, page } = await newSession(browser);
    await signInAs(page, "compliance");
    await page.goto("/alerts");
    await page.getByLabel("Symbol").fill(REVIEWED);
    await page.getByLabel("Symbol").press("Enter");
    await page.waitForURL(new RegExp(`symbol=${REVIEWED}`));
    await page.reload();
    const rows = page.getByRole("table").getByRole("row");
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => page.getByLabel("Symbol").inputValue()).toBe(REVIEWED);

    await page.getByRole("table").getByRole("link").first().click();
    await page.waitForURL(/\/alerts\/[0-9a-f-]{36}$/);
    await page.locator(".recharts-surface").first().waitFor();
    expect(await page.locator(".recharts-scatter-symbol").count()).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Escalate" }).click();
    await page.getByRole("form", { name: "Escalate" }).getByLabel(/Notes/).fill("Repeats after each fill");
    await page.getByRole("form", { name: "Escalate" }).getByRole("button", { name: "Escalate" }).click();
    await page.getByText("escalated (Open → Escalated)").waitFor();

    await page.getByRole("button", { name: "Confirm violation" }).click();
    const confirm = page.getByRole("form", { name: "Confirm violation" });
    await confirm.getByLabel("Reason").selectOption("violation_reported");
    await confirm.getByLabel(/Notes/).fill("Layered bids pulled before each sell fill");
    await confirm.getByRole("button", { name: "Confirm violation" }).click();
    await page
      .getByText(/confirmed the violation \(Escalated → Confirmed\), reason violation_reported/)
      .waitFor();
    const history = await page.locator("ol.history").innerText();
    expect(history).toContain("escalated (Open → Escalated)");
    expect(history).toContain("Layered bids pulled before each sell fill");
    await page.getByRole("link", { name: "PDF" }).waitFor();

    await page.goto(`/alerts?symbol=${BULK}`);
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByLabel(/all 3 alerts matching the filter/).check();
    await page.getByRole("button", { name: "Close…" }).click();
    const close = page.getByRole("form", { name: "Close alerts" });
    await close.getByLabel("Reason").selectOption("false_positive");
    await close.getByLabel("Notes").fill("Market maker refreshing quotes");
    await close.getByRole("button", { name: "Close", exact: true }).click();
    await page.getByText("Dismissed 3 alerts.").waitFor();
    await page.getByText("No alert matches these filters.").waitFor();
    await page.goto(`/alerts?symbol=${BULK}&status=closed_no_action`);
    await expect.poll(() => rows.count()).toBe(4);
    await context.close();
  });

  it.each(["trader", "ops"] as const)("refuses %s the queue and an alert", async (role) => {
    const { context, page } = await newSession(browser);
    await signInAs(page, role);
    for (const path of ["/alerts", `/alerts/${randomUUID()}`, "/alerts/qa"]) {
      await page.goto(path);
      await page.getByRole("heading", { name: "Access refused" }).waitFor();
      expect(await page.getByRole("table").count()).toBe(0);
    }
    await context.close();
  });
});
