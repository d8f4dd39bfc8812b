/** The admin Users screen, driven as an admin would: the account made there is one a person can use. */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount, launchBrowser, newSession, signInAs, submitSignIn } from "./lib/browser";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

/** A fresh browser profile; every confirm() in it is accepted, as the admin clicking OK. */
async function session(): Promise<Page> {
  const { context, page } = await newSession(browser);
  contexts.push(context);
  page.on("dialog", (dialog) => void dialog.accept());
  return page;
}

async function openUsersAsAdmin(): Promise<Page> {
  const page = await session();
  await signInAs(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
  return page;
}

/** Fills the New user form, leaving the password empty so the server generates one; returns that password. */
async function createUser(admin: Page, email: string, role: string): Promise<string> {
  await admin.getByLabel("Email", { exact: true }).fill(email);
  await admin.getByLabel("Name", { exact: true }).fill("Robin Reviewer");
  await admin.getByLabel("Role", { exact: true }).selectOption(role);
  await admin.getByRole("button", { name: "Create user" }).click();
  const shown = admin.getByLabel("One-time password");
  await shown.waitFor();
  return (await shown.textContent()) ?? "";
}

describe("Users screen", () => {
  it("lets an admin create a user who can then sign in with the password shown once", async () => {
    const admin = await openUsersAsAdmin();
    const email = `robin-${randomUUID().slice(0, 8)}@example.com`;

    const password = await createUser(admin, email, "trader");
    expect(password.length).toBeGreaterThanOrEqual(20);
    await admin.getByRole("cell", { name: email, exact: true }).waitFor();

    const person = await session();
    await person.goto("/sign-in");
    await submitSignIn(person, email, password);
    const nav = person.getByRole("navigation", { name: "Main" });
    await nav.waitFor();
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Overview", "Portfolio"]);
    await expect(person.getByText("Robin Reviewer").isVisible()).resolves.toBe(true);
  });

  it("signs a disabled user out at once", async () => {
    const admin = await openUsersAsAdmin();
    const email = `dana-${randomUUID().slice(0, 8)}@example.com`;
    const password = await createUser(admin, email, "ops");
    const person = await session();
    await person.goto("/sign-in");
    await submitSignIn(person, email, password);
    await person.getByRole("navigation", { name: "Main" }).waitFor();

    await admin.getByRole("button", { name: `Disable ${email}` }).click();
    await admin.getByRole("button", { name: `Enable ${email}` }).waitFor();

    await person.goto("/portfolio");
    expect(new URL(person.url()).pathname).toBe("/sign-in");
  });

  it("explains why the last admin cannot be demoted, and keeps them admin", async () => {
    const admin = await openUsersAsAdmin();
    const { email } = demoAccount("admin");

    await admin.getByLabel(`Role of ${email}`).selectOption("trader");

    await admin
      .getByRole("alert")
      .filter({ hasText: `${email} is the last enabled admin` })
      .waitFor();
    expect(await admin.getByLabel(`Role of ${email}`).inputValue()).toBe("admin");
    await expect(admin.getByRole("button", { name: `Disable ${email}` }).isDisabled()).resolves.toBe(true);
  });
});
