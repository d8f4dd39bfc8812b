/**
 * Structural guarantees of the router, checked without any service: every procedure declares who
 * may call it and validates its input, and the role middleware refuses callers before any data
 * access (the context's database throws if touched).
 */
import { TRPCError } from "@trpc/server";
import type { Database } from "@nexus/db/client";
import { MemoryRateLimiter } from "@nexus/platform/rate-limit";
import { describe, expect, it } from "vitest";

import type { Principal } from "./auth/roles";
import { appRouter, createCaller } from "./root";
import type { AccessRule, Context } from "./trpc";

type ProcedureDef = { meta?: { access?: AccessRule }; inputs: unknown[] };
// At runtime `_def.procedures` is flat (`"auth.signIn" -> procedure`); its declared type is the nested record.
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>,
);

const untouchableDb = new Proxy(
  {},
  {
    get() {
      throw new Error("the database must not be reached by a refused caller");
    },
  },
) as Database;

function contextFor(principal: Principal | null): Context {
  return {
    db: untouchableDb,
    principal,
    ip: null,
    userAgent: null,
    secure: false,
    resHeaders: new Headers(),
    clock: () => new Date("2025-03-03T14:30:00Z"),
    rateLimiter: new MemoryRateLimiter(),
    random: { nextUint32: () => 0 },
  };
}

/** Calls procedure `path` (e.g. `apiKeys.create`) through the server-side caller; resolves to the TRPCError code. */
async function errorCodeOf(principal: Principal | null, path: string): Promise<string> {
  let target: unknown = createCaller(contextFor(principal));
  for (const segment of path.split(".")) target = (target as Record<string, unknown>)[segment];
  try {
    await (target as (input?: unknown) => Promise<unknown>)(undefined);
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  throw new Error(`${path} accepted the caller`);
}

const trader: Principal = {
  kind: "user",
  user: { id: "00000000-0000-4000-8000-000000000001", email: "t@example.com", name: "T", role: "trader" },
  sessionTokenHash: "x",
};
const service: Principal = {
  kind: "service",
  apiKey: { id: "k", name: "risk", prefix: "nxk_abcdefgh", scopes: [] },
};

describe("appRouter structure", () => {
  it("has procedures to check", () => {
    expect(procedures.length).toBeGreaterThan(5);
  });

  it.each(procedures)("%s declares its access rule and validates its input", (_path, procedure) => {
    expect(procedure._def.meta?.access).toBeDefined();
    expect(procedure._def.inputs.length).toBeGreaterThan(0);
  });

  it("is public only where signing in needs it", () => {
    const publicPaths = procedures.filter(([, p]) => p._def.meta?.access === "public").map(([path]) => path);
    expect(publicPaths).toEqual(["auth.signIn"]);
  });

  it.each(procedures.filter(([, p]) => p._def.meta?.access !== "public"))(
    "%s refuses an anonymous caller with UNAUTHORIZED",
    async (path) => {
      expect(await errorCodeOf(null, path)).toBe("UNAUTHORIZED");
    },
  );

  it.each(
    procedures.filter(
      ([, p]) => p._def.meta?.access !== "public" && !p._def.meta?.access?.includes("trader"),
    ),
  )("%s refuses a trader with FORBIDDEN", async (path) => {
    expect(await errorCodeOf(trader, path)).toBe("FORBIDDEN");
  });

  it.each(
    procedures.filter(
      ([, p]) => p._def.meta?.access !== "public" && !p._def.meta?.access?.includes("service"),
    ),
  )("%s refuses an API key with FORBIDDEN", async (path) => {
    expect(await errorCodeOf(service, path)).toBe("FORBIDDEN");
  });
});
