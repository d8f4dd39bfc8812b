/**
 * Ops publish the quarterly Rule 606 report: they pick the quarter, read the preview laid out like the
 * SEC's renderer, follow a venue to its Rule 605 figures, and download the XML.
 */
import { readFile } from "node:fs/promises";
import { createDb } from "@nexus/db/client";
import { users } from "@nexus/db/schema";
import {
  COMMA_VENUE_NAME,
  LONG_VENUE_NAME,
  seedRoutedOrders,
  seedVenues,
} from "@nexus/services/reports/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newSession, signInAs } from "./lib/browser";

const CUSTOMER = "3d1e8a52-6a0c-4b43-9a53-0d2a4f0c1a01";
let browser: Browser;

beforeAll(async () => {
  // A quarter of routing logs (2016Q2), as the router would have written them.
  const handle = createDb({ url: inject("databaseUrl"), max: 1 });
  try {
    await handle.db
      .insert(users)
      .values({
        id: CUSTOMER,
        email: "e2e-customer@example.com",
        name: "E2E Customer",
        passwordHash: "x",
        role: "trader",
      })
      .onConflictDoNothing();
    await seedVenues(handle.db);
    await seedRoutedOrders(handle.db, {
      from: new Date("2016-04-01T00:00:00Z"),
      to: new Date("2016-07-01T00:00:00Z"),
      orders: 1200,
      customers: [CUSTOMER],
    });
  } finally {
    await handle.close();
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe("the 606 report", () => {
  it("ops generate the report for a quarter, preview it and download the XML", async () => {
    const { context, page } = await newSession(browser);
    await signInAs(page, "ops");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Best execution" })
      .click();
    await page.getByRole("heading", { name: "Best execution", level: 1 }).waitFor();

    await page.getByLabel("Quarter", { exact: true }).selectOption("2016Q2");
    await page.waitForURL(/quarter=2016Q2/);
    const preview = page.getByRole("region", { name: "Preview" });
    await preview.getByRole("heading", { name: "2nd Quarter, 2016" }).waitFor();
    await expect(preview.getByRole("heading", { name: "April 2016" }).isVisible()).resolves.toBe(true);
    await expect(preview.getByText("S&P 500 Stocks").first().isVisible()).resolves.toBe(true);
    // Names with commas and periods, and the 80-character one, come out whole.
    await expect(
      preview
        .getByRole("link", { name: `${COMMA_VENUE_NAME} (BATS)` })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(preview.getByText(`${LONG_VENUE_NAME} (LATS)`).first().isVisible()).resolves.toBe(true);

    // The months at a glance; each one's row scrolls the preview (not the page) to its part.
    const months = preview.getByRole("table", { name: "Months of the quarter" });
    await expect(months.getByRole("row").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^month\t/i),
      expect.stringMatching(/^April 2016\t[1-9]/),
      expect.stringMatching(/^May 2016\t[1-9]/),
      expect.stringMatching(/^June 2016\t[1-9]/),
    ]);
    const june = preview.getByRole("heading", { name: "June 2016" });
    const frame = preview.locator(".report-preview");
    const juneInFrame = async () => {
      const [heading, box] = await Promise.all([june.boundingBox(), frame.boundingBox()]);
      return heading !== null && box !== null && heading.y >= box.y && heading.y < box.y + box.height;
    };
    await expect(juneInFrame()).resolves.toBe(false);
    await months
      .getByRole("row", { name: /June 2016/ })
      .getByRole("button", { name: "Show in the report" })
      .click();
    await expect.poll(juneInFrame).toBe(true);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download XML (SEC schema)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("rule-606a1-2016Q2.xml");
    const xml = await readFile((await file.path()) ?? "", "utf8");
    expect(xml).toContain("<heldOrderRoutingPublicReport");
    expect(xml).toContain("<qtr>2</qtr>");
    expect(xml).toContain("<name>Cboe BZX Exchange, Inc. (f/k/a Bats, Inc.), Equities &amp; Options.</name>");

    // Each venue's 605 figures are a click away.
    await preview.getByRole("link", { name: "New York Stock Exchange, LLC. (XNYS)" }).first().click();
    await page.getByRole("heading", { name: "Execution quality (Rule 605)" }).waitFor();
    await expect(page.getByRole("cell", { name: "XNYS" }).first().isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("refuses the screen to a trader", async () => {
    const { context, page } = await newSession(browser);
    await signInAs(page, "trader");
    await page.goto("/reports");
    await expect(
      page
        .getByText(/ops, admin/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await context.close();
  });
});
