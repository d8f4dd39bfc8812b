/** Shared set-up for the api integration tests: callers as a browser or a service, and users to sign in as. */
import type { RandomSource } from "@nexus/core/random";
import type { Database } from "@nexus/db/client";
import { createUser } from "@nexus/db/queries/auth";
import { MemoryRateLimiter } from "@nexus/platform/rate-limit";
import type { RateLimiter } from "@nexus/platform/rate-limit";
import { hashPassword } from "@nexus/services/users";

import { HUMAN_ROLES } from "../src/auth/roles";
import type { Role } from "../src/auth/roles";
import { createCaller, createTRPCContext } from "../src/index";

export type CallOptions = {
  /** Value of the `nexus_session` cookie to send. */
  session?: string;
  /** API key to send as `Authorization: Bearer`. */
  apiKey?: string;
  now?: Date;
  headers?: Record<string, string>;
  /** Sign-in attempt counts shared across calls; by default each call starts with none. */
  rateLimiter?: RateLimiter;
};

/**
 * The highest draw there is: a closure goes to QA only where every closure does (sample rate 1), so a
 * test's history never depends on the luck of a 10 % sample.
 */
const highestDraw: RandomSource = { nextUint32: () => 2 ** 32 - 1 };

/**
 * What the web server hands every context, for tests: as if behind one reverse proxy (which appended
 * the client address), with sign-in counts of their own unless a limiter is shared.
 */
export function testDeps(db: Database, rateLimiter: RateLimiter = new MemoryRateLimiter()) {
  return { db, rateLimiter, trustedProxyCount: 1 };
}

/** A server-side caller for one request, and the response headers it set. */
export async function callAs(db: Database, options: CallOptions = {}) {
  const headers = new Headers({
    "x-forwarded-for": "203.0.113.9",
    "user-agent": "vitest",
    ...options.headers,
  });
  if (options.session !== undefined) headers.set("cookie", `nexus_session=${options.session}`);
  if (options.apiKey !== undefined) headers.set("authorization", `Bearer ${options.apiKey}`);
  const resHeaders = new Headers();
  const now = options.now ?? new Date();
  const ctx = await createTRPCContext({
    ...testDeps(db, options.rateLimiter),
    headers,
    resHeaders,
    clock: () => now,
    random: highestDraw,
  });
  return { caller: createCaller(ctx), resHeaders };
}

/** The session token from a sign-in response's Set-Cookie. */
export function sessionTokenFrom(resHeaders: Headers): string {
  const match = /^nexus_session=([^;]*)/.exec(resHeaders.get("set-cookie") ?? "");
  if (!match?.[1]) throw new Error(`no session cookie in ${resHeaders.get("set-cookie")}`);
  return match[1];
}

export async function createUserWithRole(db: Database, role: Role, password = `pw-${role}-123`) {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const user = await createUser(db, {
    email,
    name: `Test ${role}`,
    role,
    passwordHash: await hashPassword(password),
  });
  return { ...user, password };
}

/** Signs a user in and returns the session token. */
export async function signIn(db: Database, email: string, password: string, now?: Date): Promise<string> {
  const { caller, resHeaders } = await callAs(db, { now });
  await caller.auth.signIn({ email, password });
  return sessionTokenFrom(resHeaders);
}

/** The TRPCError code (and message) a call rejects with. */
export async function rejection(
  call: Promise<unknown>,
): Promise<{ code: string; message: string; cause?: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error && "code" in error && typeof error.code === "string") {
      return { code: error.code, message: error.message, cause: error.cause };
    }
    throw error;
  }
  throw new Error("the call succeeded");
}

/** One signed-in session per human role, by role: for tests that call every procedure as each of them. */
export async function signInEveryRole(db: Database): Promise<Record<(typeof HUMAN_ROLES)[number], string>> {
  const sessions = { compliance: "", trader: "", ops: "", admin: "" };
  for (const role of HUMAN_ROLES) {
    const user = await createUserWithRole(db, role);
    sessions[role] = await signIn(db, user.email, user.password);
  }
  return sessions;
}
