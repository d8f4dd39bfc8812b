/** Debian's Chromium driven by playwright-core, and the steps every e2e test repeats. */
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { inject } from "vitest";
import type { DemoAccount } from "@nexus/api/auth";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** A fresh browser profile (no cookies) pointed at the e2e server. */
export async function newSession(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject("baseUrl"),
    viewport: { width: 1280, height: 800 },
  });
  return { context, page: await context.newPage() };
}

export function demoAccount(role: DemoAccount["role"]): DemoAccount {
  const account = inject("demoUsers").find((candidate) => candidate.role === role);
  if (account === undefined) throw new Error(`No demo account with role ${role}`);
  return account;
}

/** Fills and submits the sign-in form the way a person would (labels, not selectors). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in from /sign-in and waits until the app shell is shown. */
export async function signInAs(page: Page, role: DemoAccount["role"]): Promise<void> {
  const account = demoAccount(role);
  await page.goto("/sign-in");
  await submitSignIn(page, account.email, account.password);
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}
