import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { demoAccount, launchBrowser, newSession, signInAs, submitSignIn } from "./lib/browser";

const SESSION_COOKIE = "nexus_session";

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  ({ context, page } = await newSession(browser));
});
afterEach(async () => {
  await context.close();
});

const path = () => new URL(page.url()).pathname;
const nav = () => page.getByRole("navigation", { name: "Main" });
const navLabels = async () => (await nav().getByRole("link").allTextContents()).map((label) => label.trim());

describe("signing in", () => {
  it("lets a demo user in and shows the navigation and their name", async () => {
    await signInAs(page, "compliance");

    expect(path()).toBe("/");
    expect(await navLabels()).toEqual([
      "Overview",
      "Alerts",
      "Surveillance",
      "Portfolio",
      "Data quality",
      "Audit log",
    ]);
    await expect(page.getByText("Casey Compliance").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" }).isVisible()).resolves.toBe(true);
    const cookie = (await context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
  });

  it("refuses a wrong password with a visible message and sets no cookie", async () => {
    await page.goto("/sign-in");
    await submitSignIn(page, demoAccount("trader").email, "not-the-password");

    // Next's route announcer is also an alert region: look for ours by its words.
    await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor();
    expect(path()).toBe("/sign-in");
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
  });

  it("sends an anonymous visit of / to /sign-in", async () => {
    await page.goto("/");

    expect(path()).toBe("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" }).isVisible()).resolves.toBe(true);
  });

  it("brings an anonymous visitor back to the page they asked for after signing in", async () => {
    await page.goto("/audit");
    expect(page.url()).toBe(`${new URL(page.url()).origin}/sign-in?next=%2Faudit`);

    const account = demoAccount("compliance");
    await submitSignIn(page, account.email, account.password);
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    expect(path()).toBe("/audit");
  });

  it("treats a forged or expired session cookie as signed out", async () => {
    // The proxy lets any cookie through (it never touches the database); the app layout must refuse it.
    await context.addCookies([{ name: SESSION_COOKIE, value: "forged-token", url: inject("baseUrl") }]);
    await page.goto("/portfolio");

    expect(path()).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/portfolio");
  });
});

describe("roles", () => {
  it("hides the audit log and API keys from a trader and refuses the audit page", async () => {
    await signInAs(page, "trader");
    expect(await navLabels()).toEqual(["Overview", "Portfolio"]);

    await page.goto("/audit");
    await page.getByRole("alert").filter({ hasText: "Access refused" }).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
  });

  it("shows an admin every section", async () => {
    await signInAs(page, "admin");
    expect(await navLabels()).toEqual([
      "Overview",
      "Alerts",
      "Surveillance",
      "Portfolio",
      "Data quality",
      "Routing",
      "Best execution",
      "Audit log",
      "API keys",
      "Users",
      "Simulation",
    ]);
  });
});

describe("signing out", () => {
  it("returns to /sign-in and the old session no longer opens the app", async () => {
    await signInAs(page, "ops");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");

    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    await page.goto("/");
    expect(path()).toBe("/sign-in");
  });
});
