/** Sign-in throttling through `auth.signIn`, on the real database, with the in-memory and the Redis limiter. */
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { listAudit } from "@nexus/db/queries/audit";
import { createTestDatabase } from "@nexus/db/testing";
import { MemoryRateLimiter, RedisRateLimiter } from "@nexus/platform/rate-limit";
import type { RateLimiter } from "@nexus/platform/rate-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, rejection, testDeps } from "../test/harness";
import { appRouter, createCaller, createTRPCContext } from "./index";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

/** A limiter whose clock the test moves. */
function limiterWithClock() {
  let now = Date.parse("2025-03-03T09:00:00.000Z");
  return {
    limiter: new MemoryRateLimiter({ now: () => now }),
    advance: (ms: number) => void (now += ms),
  };
}

/** One sign-in attempt from `address` (behind one trusted proxy); resolves to "ok" or the error's code and message. */
async function attempt(
  rateLimiter: RateLimiter,
  email: string,
  password: string,
  address = "203.0.113.9",
): Promise<string> {
  const { caller } = await callAs(handle.db, { rateLimiter, headers: { "x-forwarded-for": address } });
  try {
    await caller.auth.signIn({ email, password });
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

const WRONG = "UNAUTHORIZED: Wrong email or password.";
const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

describe("per account", () => {
  it("refuses the sixth attempt in 15 minutes, even with the right password, until the window has passed", async () => {
    const user = await createUserWithRole(handle.db, "trader");
    const { limiter, advance } = limiterWithClock();
    for (let failure = 0; failure < 5; failure++) {
      expect(await attempt(limiter, user.email, "not-it", `198.51.100.${failure}`)).toBe(WRONG);
    }
    advance(60_000);
    expect(await attempt(limiter, user.email, user.password, "198.51.100.99")).toBe(
      "TOO_MANY_REQUESTS: Too many sign-in attempts. Try again in 840 s.",
    );
    advance(FIFTEEN_MINUTES_MS - 60_000);
    expect(await attempt(limiter, user.email, user.password)).toBe("ok");
  });

  it("counts the account whatever the email's case, and checks no password once refused (no failure audited)", async () => {
    const user = await createUserWithRole(handle.db, "ops");
    const { limiter } = limiterWithClock();
    for (let failure = 0; failure < 5; failure++) await attempt(limiter, user.email.toUpperCase(), "not-it");
    expect(await attempt(limiter, user.email, "not-it")).toMatch(/^TOO_MANY_REQUESTS/);
    const audited = (await listAudit(handle.db, { limit: 100 })).filter(
      (row) => row.action === "auth.sign_in_failed" && row.actorId === user.id,
    );
    expect(audited).toHaveLength(5);
  });

  it("starts afresh after a successful sign-in", async () => {
    const user = await createUserWithRole(handle.db, "compliance");
    const { limiter } = limiterWithClock();
    for (let failure = 0; failure < 4; failure++) await attempt(limiter, user.email, "not-it");
    expect(await attempt(limiter, user.email, user.password)).toBe("ok");
    for (let failure = 0; failure < 5; failure++)
      expect(await attempt(limiter, user.email, "not-it")).toBe(WRONG);
    expect(await attempt(limiter, user.email, "not-it")).toMatch(/^TOO_MANY_REQUESTS/);
  });
});

describe("per client address", () => {
  it("refuses the 21st failure from one address across accounts, while another address still signs in", async () => {
    const user = await createUserWithRole(handle.db, "trader");
    const { limiter } = limiterWithClock();
    for (let failure = 0; failure < 20; failure++) {
      expect(await attempt(limiter, `sprayed-${failure}@example.com`, "Winter2025!", "192.0.2.50")).toBe(
        WRONG,
      );
    }
    expect(await attempt(limiter, user.email, user.password, "192.0.2.50")).toBe(
      "TOO_MANY_REQUESTS: Too many sign-in attempts. Try again in 900 s.",
    );
    expect(await attempt(limiter, user.email, user.password, "192.0.2.51")).toBe("ok");
  });

  it("counts an IPv6 client's whole /64 as one address", async () => {
    const { limiter } = limiterWithClock();
    for (let failure = 0; failure < 20; failure++) {
      await attempt(limiter, `v6-${failure}@example.com`, "x", `2001:db8:7:7::${failure.toString(16)}`);
    }
    expect(await attempt(limiter, "v6-last@example.com", "x", "2001:db8:7:7:ffff::1")).toMatch(
      /^TOO_MANY_REQUESTS/,
    );
    expect(await attempt(limiter, "v6-last@example.com", "x", "2001:db8:7:8::1")).toBe(WRONG);
  });

  it("does not count successful sign-ins: a whole office behind one address signs in", async () => {
    const user = await createUserWithRole(handle.db, "ops");
    const { limiter } = limiterWithClock();
    for (let signIn = 0; signIn < 25; signIn++)
      expect(await attempt(limiter, user.email, user.password)).toBe("ok");
  });

  it("limits per account only when no trusted proxy tells the address (one shared bucket would lock everyone out)", async () => {
    const { limiter } = limiterWithClock();
    const unproxied = { ...testDeps(handle.db, limiter), trustedProxyCount: 0 };
    for (let failure = 0; failure < 25; failure++) {
      const ctx = await createTRPCContext({
        ...unproxied,
        headers: new Headers({ "x-forwarded-for": "192.0.2.77" }),
        resHeaders: new Headers(),
      });
      const failed = await rejection(
        createCaller(ctx).auth.signIn({ email: `anyone-${failure}@example.com`, password: "x" }),
      );
      expect(failed.code).toBe("UNAUTHORIZED");
    }
  });
});

describe("over HTTP", () => {
  it("answers 429 with Retry-After and the message", async () => {
    const { limiter } = limiterWithClock();
    const email = "http-limited@example.com";
    const post = () =>
      fetchRequestHandler({
        endpoint: "/api/trpc",
        router: appRouter,
        req: new Request("http://localhost/api/trpc/auth.signIn", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.80" },
          body: JSON.stringify({ json: { email, password: "x" } }),
        }),
        createContext: ({ req, resHeaders }) =>
          createTRPCContext({ ...testDeps(handle.db, limiter), headers: req.headers, resHeaders }),
      });
    for (let failure = 0; failure < 5; failure++) expect((await post()).status).toBe(401);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("900");
    const body = (await refused.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe("Too many sign-in attempts. Try again in 900 s.");
  });
});

describe("with Redis", () => {
  const keyPrefix = `it-sign-in-${randomUUID().slice(0, 8)}:`;
  // Two web replicas, each with its own connection.
  const replicaA = new RedisRateLimiter({ url: "redis://127.0.0.1:6379", keyPrefix });
  const replicaB = new RedisRateLimiter({ url: "redis://127.0.0.1:6379", keyPrefix });
  afterAll(async () => {
    await Promise.all([replicaA.close(), replicaB.close()]);
  });

  it("shares the count between web replicas", async () => {
    const user = await createUserWithRole(handle.db, "admin");
    for (let failure = 0; failure < 5; failure++) {
      expect(await attempt(failure % 2 === 0 ? replicaA : replicaB, user.email, "not-it")).toBe(WRONG);
    }
    for (const replica of [replicaA, replicaB]) {
      expect(await attempt(replica, user.email, user.password)).toMatch(
        /^TOO_MANY_REQUESTS: Too many sign-in attempts\. Try again in (8[5-9]\d|900) s\.$/,
      );
    }
  });
});
