/**
 * Sign-in hardening against the built app: the headers a browser gets, that the strict CSP still lets
 * the app run, cross-site writes refused, the REST API deaf to session cookies, sign-in throttled.
 * The server runs without TRUSTED_PROXY_COUNT, so it is reached directly over http.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { demoAccount, launchBrowser, newSession, signInAs, submitSignIn } from "./lib/browser";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let cspViolations: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  ({ context, page } = await newSession(browser));
  cspViolations = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) cspViolations.push(message.text());
  });
});
afterEach(async () => {
  await context.close();
});

const url = (path: string) => `${inject("baseUrl")}${path}`;

describe("security headers", () => {
  it("give pages a nonce CSP that forbids framing, nosniff and a referrer policy, and no HSTS over http", async () => {
    const response = await fetch(url("/sign-in"));
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    // Next.js put the same nonce on its own scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });

  it("give API responses a CSP that allows nothing", async () => {
    const response = await fetch(url("/api/health"));
    expect(response.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; frame-ancestors 'none'/,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("still let the app run: a person signs in and sees the overview, with no CSP violation", async () => {
    await signInAs(page, "trader");
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});

describe("cross-site requests", () => {
  it("refuse a sign-in posted from another site with 403", async () => {
    const account = demoAccount("compliance");
    const response = await fetch(url("/api/trpc/auth.signIn"), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ json: { email: account.email, password: account.password } }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("do not open the REST API to a browser's session cookie", async () => {
    await signInAs(page, "admin");
    const session = (await context.cookies()).find((cookie) => cookie.name === "nexus_session");
    const response = await fetch(url("/api/v1/auth/me"), {
      headers: { cookie: `nexus_session=${session?.value ?? ""}` },
    });
    expect(response.status).toBe(401);
  });
});

describe("sign-in throttling", () => {
  it("tells the person to try again later after five failures on one account", async () => {
    // A fresh account name per run: the counts live in Redis for 15 minutes, beyond one run.
    const email = `locked-out-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await page.goto("/sign-in");
    for (let failure = 0; failure < 5; failure++) {
      await submitSignIn(page, email, `wrong-${failure}`);
      await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor();
    }
    await submitSignIn(page, email, "wrong-again");
    await page
      .getByRole("alert")
      .filter({ hasText: /Too many sign-in attempts\. Try again in \d+ s\./ })
      .waitFor();
  });
});
