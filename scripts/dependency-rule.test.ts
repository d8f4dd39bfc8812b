import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The dependency rule of docs/architecture.md is enforced by eslint.config.js; these cases prove the rule
// fires (a lint config that silently stopped matching would otherwise pass everything).
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

const restrictionRules = new Set([
  "no-restricted-imports",
  "no-restricted-globals",
  "no-restricted-properties",
  "no-restricted-syntax",
]);

/** The dependency-rule messages eslint gives `source` as if it were the file at `filePath`. */
async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => restrictionRules.has(m.ruleId ?? "")).map((m) => m.message);
}

function violations(filePath: string, importLine: string): Promise<string[]> {
  return refusals(filePath, `${importLine}\nexport const used = x;\n`);
}

describe("dependency rule", () => {
  it.each([
    ["kafkajs", 'import x from "kafkajs";'],
    ["ioredis", 'import x from "ioredis";'],
    ["postgres", 'import x from "postgres";'],
    ["drizzle", 'import { x } from "drizzle-orm/pg-core";'],
    ["pglite", 'import { x } from "@electric-sql/pglite";'],
    ["node:fs", 'import x from "node:fs";'],
    ["node:http", 'import x from "node:http";'],
    ["node:os (not on any list of I/O modules: core is an allow-list)", 'import x from "node:os";'],
    ["node:worker_threads", 'import { Worker as x } from "node:worker_threads";'],
    ["a library nobody listed", 'import x from "left-pad";'],
    ["decimal.js outside money.ts", 'import x from "decimal.js";'],
    ["vitest outside tests", 'import { it as x } from "vitest";'],
    ["a workspace package", 'import { x } from "@nexus/db/client";'],
    ["an app", 'import { x } from "@nexus/web";'],
  ])("rejects core importing %s", async (_what, source) => {
    expect(await violations("packages/core/src/events/example.ts", source)).toHaveLength(1);
  });

  it("lets core import its own modules and zod, and money.ts decimal.js", async () => {
    const file = "packages/core/src/events/example.ts";
    expect(await violations(file, 'import { z as x } from "zod";')).toEqual([]);
    expect(await violations(file, 'import { toDecimal as x } from "../money";')).toEqual([]);
    expect(await violations(file, 'import { fieldA as x } from "./fields";')).toEqual([]);
    expect(await violations("packages/core/src/money.ts", 'import x from "decimal.js";')).toEqual([]);
  });

  it.each([
    ["dynamic import()", 'export const x = () => import("node:os");'],
    ["fetch()", 'export const x = () => fetch("http://127.0.0.1/");'],
    ["globalThis.fetch", "export const x = globalThis.fetch;"],
    ["Date.now()", "export const x = Date.now();"],
    ["new Date() (the clock)", "export const x = new Date();"],
    ["Math.random()", "export const x = Math.random();"],
    ["setTimeout", "export const x = setTimeout(() => undefined, 1);"],
    ["setInterval", "export const x = setInterval(() => undefined, 1);"],
    ["queueMicrotask", "export const x = () => queueMicrotask(() => undefined);"],
    ["performance.now()", "export const x = performance.now();"],
    ["process", "export const x = process.argv;"],
    ["process.env", "export const x = process.env.HOME;"],
    ["require()", 'export const x = require("node:os");'],
  ])("rejects core using %s", async (_what, source) => {
    expect(await refusals("packages/core/src/events/example.ts", source)).not.toEqual([]);
  });

  it("lets core parse a given date and lets its tests use vitest and timers", async () => {
    expect(
      await refusals("packages/core/src/events/example.ts", 'export const x = new Date("2016-06-24");'),
    ).toEqual([]);
    const test = "packages/core/src/events/example.test.ts";
    expect(await violations(test, 'import { it as x } from "vitest";')).toEqual([]);
    expect(await refusals(test, "export const x = setTimeout(() => undefined, Date.now() % 10);")).toEqual(
      [],
    );
    expect(await violations(test, 'import x from "node:os";')).toHaveLength(1);
  });

  it.each([
    ["core", "packages/core/src/events/example.ts"],
    ["db", "packages/db/src/example.ts"],
    ["api", "packages/api/src/example.ts"],
  ])(
    "rejects a relative import with a .js extension in %s (next build cannot resolve it)",
    async (_where, file) => {
      expect(await violations(file, 'import { x } from "./fields.js";')).toHaveLength(1);
      expect(await violations(file, 'import { x } from "./fields";')).toEqual([]);
    },
  );

  it.each([
    ["db", "packages/db/src/example.ts"],
    ["platform", "packages/platform/src/example.ts"],
    ["sim", "packages/sim/src/example.ts"],
    ["api", "packages/api/src/example.ts"],
    ["services", "packages/services/src/example.ts"],
    ["the worker", "apps/worker/src/example.ts"],
    ["the web app", "apps/web/src/example.tsx"],
    ["a script", "scripts/example.ts"],
  ])("rejects decimal.js in %s (one Decimal: @nexus/core/money)", async (_where, file) => {
    expect(await violations(file, 'import x from "decimal.js";')).toHaveLength(1);
    expect(await violations(file, 'import { Decimal as x } from "@nexus/core/money";')).toEqual([]);
  });

  it.each([
    ["db", "packages/db/src/example.ts", "@nexus/platform/bus"],
    ["platform", "packages/platform/src/example.ts", "@nexus/db/client"],
    ["sim", "packages/sim/src/example.ts", "@nexus/db/client"],
    ["api", "packages/api/src/example.ts", "@nexus/sim"],
    ["api", "packages/api/src/example.ts", "@nexus/worker"],
    ["services", "packages/services/src/example.ts", "@nexus/api"],
    ["services", "packages/services/src/example.ts", "@nexus/sim"],
    ["services", "packages/services/src/example.ts", "@nexus/worker"],
    ["db", "packages/db/src/example.ts", "@nexus/services/users"],
  ])("rejects %s importing %s", async (_layer, file, target) => {
    expect(await violations(file, `import { x } from "${target}";`)).toHaveLength(1);
  });

  it("lets layers import what sits below them", async () => {
    expect(await violations("packages/db/src/example.ts", 'import { x } from "@nexus/core/events";')).toEqual(
      [],
    );
    expect(await violations("packages/api/src/example.ts", 'import { x } from "@nexus/db/client";')).toEqual(
      [],
    );
    expect(await violations("apps/worker/src/example.ts", 'import { x } from "@nexus/sim";')).toEqual([]);
    for (const below of ["@nexus/core/money", "@nexus/db/client", "@nexus/platform/bus"]) {
      expect(await violations("packages/services/src/example.ts", `import { x } from "${below}";`)).toEqual(
        [],
      );
    }
    expect(
      await violations("packages/api/src/example.ts", 'import { x } from "@nexus/services/users";'),
    ).toEqual([]);
  });
});
