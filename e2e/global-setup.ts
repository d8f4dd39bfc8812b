/**
 * Global setup of the `e2e` vitest project: a fresh database, the built web app served by
 * `next start` on a free port, and at teardown the server stopped and the database dropped.
 * Tests read the server's address and the demo accounts with `inject("baseUrl")` / `inject("demoUsers")`.
 *
 * Knobs: E2E_ADMIN_DATABASE_URL (a database to issue CREATE/DROP DATABASE from; default the local
 * `test` database), E2E_REBUILD=1 to rebuild the app even if a build exists.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { seedDemoUsers } from "@nexus/api/auth";
import type { DemoAccount } from "@nexus/api/auth";
import { createDb } from "@nexus/db/client";
import { migrate } from "@nexus/db/migrate";
import type { TestProject } from "vitest/node";
import { freePort, stop } from "./lib/processes";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The e2e database the server reads, for tests that put events in front of it. */
    databaseUrl: string;
    demoUsers: DemoAccount[];
  }
}

const E2E_DATABASE = "nexus_e2e";
const adminUrl = process.env.E2E_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const webDir = path.resolve(import.meta.dirname, "../apps/web");
const nextBin = createRequire(path.join(webDir, "package.json")).resolve("next/dist/bin/next");

function databaseUrl(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function recreateDatabase(): Promise<void> {
  const admin = createDb({ url: adminUrl, max: 1 });
  try {
    // WITH (FORCE) ends sessions a crashed earlier run may have left open.
    await admin.sql.unsafe(`drop database if exists ${E2E_DATABASE} with (force)`);
    await admin.sql.unsafe(`create database ${E2E_DATABASE}`);
  } finally {
    await admin.close();
  }
}

async function dropDatabase(): Promise<void> {
  const admin = createDb({ url: adminUrl, max: 1 });
  try {
    await admin.sql.unsafe(`drop database if exists ${E2E_DATABASE} with (force)`);
  } finally {
    await admin.close();
  }
}

async function migrateAndSeed(url: string): Promise<DemoAccount[]> {
  const handle = createDb({ url, max: 1 });
  try {
    await migrate(handle.sql);
    return await seedDemoUsers(handle.db);
  } finally {
    await handle.close();
  }
}

function runToCompletion(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${[command, ...args].join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function ensureBuilt(): Promise<void> {
  if (existsSync(path.join(webDir, ".next/BUILD_ID")) && process.env.E2E_REBUILD !== "1") return;
  console.log("e2e: building the web app (next build)...");
  await runToCompletion(process.execPath, [nextBin, "build"], webDir);
}

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`next start exited with code ${server.exitCode} before it was healthy`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The web app was not healthy within ${timeoutMs} ms (${lastProblem})`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await recreateDatabase();
  const url = databaseUrl(E2E_DATABASE);
  const demoUsers = await migrateAndSeed(url);
  await ensureBuilt();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: webDir,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForHealth(baseUrl, server, 60_000);
  } catch (error) {
    await stop(server, 5_000);
    throw error;
  }

  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", url);
  project.provide("demoUsers", demoUsers);

  return async () => {
    await stop(server, 10_000);
    await dropDatabase();
  };
}
