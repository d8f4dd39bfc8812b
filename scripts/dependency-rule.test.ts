import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The dependency rule of ARCHITECTURE.md is enforced by eslint.config.js; these cases prove the rule
// fires (a lint config that silently stopped matching would otherwise pass everything).
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function violations(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
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
    ["a workspace package", 'import { x } from "@nexus/db/client";'],
    ["an app", 'import { x } from "@nexus/web";'],
  ])("rejects core importing %s", async (_what, source) => {
    expect(await violations("packages/core/src/events/example.ts", source)).toHaveLength(1);
  });

  it("lets core import decimal.js and zod", async () => {
    expect(await violations("packages/core/src/money-example.ts", 'import x from "decimal.js";')).toEqual([]);
    expect(await violations("packages/core/src/money-example.ts", 'import { z as x } from "zod";')).toEqual(
      [],
    );
  });

  it.each([
    ["db", "packages/db/src/example.ts", "@nexus/platform/bus"],
    ["platform", "packages/platform/src/example.ts", "@nexus/db/client"],
    ["sim", "packages/sim/src/example.ts", "@nexus/db/client"],
    ["api", "packages/api/src/example.ts", "@nexus/sim"],
    ["api", "packages/api/src/example.ts", "@nexus/worker"],
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
  });
});
