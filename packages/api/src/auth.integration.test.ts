import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { listAudit } from "@nexus/db/queries/audit";
import { createTestDatabase } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, rejection, sessionTokenFrom, signIn, testDeps } from "../test/harness";
import { seedDemoUsers } from "./auth/seed";
import { sha256Hex } from "./auth/tokens";
import { appRouter, createTRPCContext } from "./index";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const latestAudit = async (action: string) =>
  (await listAudit(handle.db, { limit: 50 })).filter((row) => row.action === action);

describe("auth.signIn", () => {
  it("sets a 12-hour httpOnly Lax session cookie, stores only its SHA-256, and `me` works with it", async () => {
    const user = await createUserWithRole(handle.db, "trader");
    const { caller, resHeaders } = await callAs(handle.db);
    const result = await caller.auth.signIn({ email: user.email.toUpperCase(), password: user.password });
    expect(result.user).toEqual({ id: user.id, email: user.email, name: user.name, role: "trader" });

    const cookie = resHeaders.get("set-cookie") ?? "";
    expect(cookie).toMatch(
      /^nexus_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/,
    );
    const token = sessionTokenFrom(resHeaders);
    const stored =
      await handle.sql`select token_hash, ip, user_agent from sessions where user_id = ${user.id}`;
    expect(stored).toEqual([{ token_hash: sha256Hex(token), ip: "203.0.113.9", user_agent: "vitest" }]);

    const me = await (await callAs(handle.db, { session: token })).caller.auth.me();
    expect(me).toEqual({ kind: "user", user: result.user });
  });

  it("marks the cookie Secure when the request came over https", async () => {
    const user = await createUserWithRole(handle.db, "ops");
    const { caller, resHeaders } = await callAs(handle.db, { headers: { "x-forwarded-proto": "https" } });
    await caller.auth.signIn({ email: user.email, password: user.password });
    expect(resHeaders.get("set-cookie")).toMatch(/; Secure$/);
  });

  it("gives a wrong password, an unknown email and a disabled account the same UNAUTHORIZED, and audits each", async () => {
    const user = await createUserWithRole(handle.db, "compliance");
    const disabled = await createUserWithRole(handle.db, "ops");
    await handle.sql`update users set disabled_at = now() where id = ${disabled.id}`;
    const { caller, resHeaders } = await callAs(handle.db);

    const wrongPassword = await rejection(caller.auth.signIn({ email: user.email, password: "not-it" }));
    const unknownEmail = await rejection(
      caller.auth.signIn({ email: "nobody@example.com", password: user.password }),
    );
    const disabledAccount = await rejection(
      caller.auth.signIn({ email: disabled.email, password: disabled.password }),
    );
    for (const failure of [wrongPassword, unknownEmail, disabledAccount]) {
      expect(failure).toMatchObject({ code: "UNAUTHORIZED", message: "Wrong email or password." });
    }
    expect(resHeaders.get("set-cookie")).toBeNull();

    const failures = await latestAudit("auth.sign_in_failed");
    expect(failures.map((row) => [row.actorId, row.ip, (row.details as { reason: string }).reason])).toEqual([
      [disabled.id, "203.0.113.9", "disabled"],
      [null, "203.0.113.9", "unknown_email"],
      [user.id, "203.0.113.9", "wrong_password"],
    ]);
  });

  it("audits a successful sign-in with the actor, ip and user agent", async () => {
    const user = await createUserWithRole(handle.db, "admin");
    await signIn(handle.db, user.email, user.password);
    const [row] = (await latestAudit("auth.sign_in")).filter((entry) => entry.actorId === user.id);
    expect(row).toMatchObject({
      actorType: "user",
      entityType: "user",
      entityId: user.id,
      ip: "203.0.113.9",
    });
    expect(row?.details).toMatchObject({ email: user.email, userAgent: "vitest" });
  });

  it("refuses invalid input with BAD_REQUEST naming the field", async () => {
    const { caller } = await callAs(handle.db);
    const failure = await rejection(caller.auth.signIn({ email: "not-an-email", password: "x" }));
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.message).toContain('"email"');
  });
});

describe("sessions", () => {
  it("works until 12 hours after sign-in and is refused from then on", async () => {
    const user = await createUserWithRole(handle.db, "trader");
    const signedInAt = new Date("2025-03-03T08:00:00.000Z");
    const token = await signIn(handle.db, user.email, user.password, signedInAt);

    const justBefore = await callAs(handle.db, { session: token, now: new Date("2025-03-03T19:59:59.999Z") });
    expect((await justBefore.caller.auth.me()).kind).toBe("user");
    const atExpiry = await callAs(handle.db, { session: token, now: new Date("2025-03-03T20:00:00.000Z") });
    expect((await rejection(atExpiry.caller.auth.me())).code).toBe("UNAUTHORIZED");
  });

  it("ends on sign-out: the row is deleted, the cookie cleared, the token refused, and it is audited", async () => {
    const user = await createUserWithRole(handle.db, "compliance");
    const token = await signIn(handle.db, user.email, user.password);
    const { caller, resHeaders } = await callAs(handle.db, { session: token });
    expect(await caller.auth.signOut()).toEqual({ signedOut: true });

    expect(resHeaders.get("set-cookie")).toMatch(/^nexus_session=; .*Max-Age=0/);
    expect(await handle.sql`select 1 from sessions where token_hash = ${sha256Hex(token)}`).toHaveLength(0);
    expect((await rejection((await callAs(handle.db, { session: token })).caller.auth.me())).code).toBe(
      "UNAUTHORIZED",
    );
    const [row] = (await latestAudit("auth.sign_out")).filter((entry) => entry.actorId === user.id);
    expect(row).toMatchObject({ actorType: "user", entityId: user.id, ip: "203.0.113.9" });
  });

  it("refuses a made-up token", async () => {
    const { caller } = await callAs(handle.db, { session: "made-up" });
    expect((await rejection(caller.auth.me())).code).toBe("UNAUTHORIZED");
  });
});

describe("roles", () => {
  it("gives a trader FORBIDDEN on admin and compliance procedures, and lets admin through both", async () => {
    const trader = await createUserWithRole(handle.db, "trader");
    const admin = await createUserWithRole(handle.db, "admin");
    const asTrader = (
      await callAs(handle.db, { session: await signIn(handle.db, trader.email, trader.password) })
    ).caller;
    expect((await rejection(asTrader.apiKeys.list())).code).toBe("FORBIDDEN");
    expect((await rejection(asTrader.audit.list({}))).code).toBe("FORBIDDEN");

    const asAdmin = (
      await callAs(handle.db, { session: await signIn(handle.db, admin.email, admin.password) })
    ).caller;
    await expect(asAdmin.apiKeys.list()).resolves.toBeInstanceOf(Array);
    await expect(asAdmin.audit.list({ limit: 1 })).resolves.toMatchObject({ items: [expect.anything()] });
  });

  it("gives an anonymous caller UNAUTHORIZED on every procedure but signIn", async () => {
    const { caller } = await callAs(handle.db);
    const calls = [
      caller.auth.me(),
      caller.auth.signOut(),
      caller.overview.summary({}),
      caller.audit.list({}),
      caller.apiKeys.list(),
      caller.apiKeys.create({ name: "x" }),
      caller.apiKeys.revoke({ id: crypto.randomUUID() }),
    ];
    for (const call of calls) expect((await rejection(call)).code).toBe("UNAUTHORIZED");
  });
});

describe("audit.list", () => {
  it("pages newest first with a cursor and filters by entity type", async () => {
    const compliance = await createUserWithRole(handle.db, "compliance");
    const { caller } = await callAs(handle.db, {
      session: await signIn(handle.db, compliance.email, compliance.password),
    });
    const firstPage = await caller.audit.list({ limit: 2, entityType: "user" });
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.items.every((row) => row.entityType === "user")).toBe(true);
    const [newest, second] = firstPage.items;
    expect(BigInt(newest?.id ?? 0) > BigInt(second?.id ?? 0)).toBe(true);
    expect(firstPage.nextCursor).toBe(second?.id);

    const nextPage = await caller.audit.list({
      limit: 2,
      entityType: "user",
      beforeId: firstPage.nextCursor ?? undefined,
    });
    expect(BigInt(nextPage.items[0]?.id ?? 0) < BigInt(second?.id ?? 0)).toBe(true);
  });

  it("names the field of a bad cursor", async () => {
    const compliance = await createUserWithRole(handle.db, "compliance");
    const { caller } = await callAs(handle.db, {
      session: await signIn(handle.db, compliance.email, compliance.password),
    });
    const failure = await rejection(caller.audit.list({ beforeId: "12a" }));
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.message).toContain('"beforeId"');
  });
});

describe("over the tRPC HTTP adapter", () => {
  const trpcRequest = (path: string, body: unknown) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request(`http://localhost/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: body }),
      }),
      createContext: ({ req, resHeaders }) =>
        createTRPCContext({ ...testDeps(handle.db), headers: req.headers, resHeaders }),
    });

  it("answers invalid input with 400, a message naming the field and data.zodError", async () => {
    const response = await trpcRequest("auth.signIn", { email: "not-an-email", password: "" });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: {
        json: {
          message: string;
          data: { code: string; zodError: { fieldErrors: Record<string, string[]> } };
        };
      };
    };
    expect(error.json.data.code).toBe("BAD_REQUEST");
    expect(error.json.message).toMatch(/^email: .+; password: .+$/);
    expect(Object.keys(error.json.data.zodError.fieldErrors).sort()).toEqual(["email", "password"]);
  });

  it("sends the session cookie with a successful sign-in", async () => {
    const user = await createUserWithRole(handle.db, "ops");
    const response = await trpcRequest("auth.signIn", { email: user.email, password: user.password });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^nexus_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly/);
  });
});

describe("seedDemoUsers", () => {
  it("creates one account per role that signs in with the documented password, and is idempotent", async () => {
    const accounts = await seedDemoUsers(handle.db);
    expect(accounts.map((account) => account.role).sort()).toEqual(["admin", "compliance", "ops", "trader"]);
    expect(await seedDemoUsers(handle.db)).toEqual(accounts);
    const emails = accounts.map((account) => account.email);
    expect(await handle.sql`select count(*)::int as n from users where email = any(${emails})`).toEqual([
      { n: 4 },
    ]);
    for (const account of accounts) {
      const { caller } = await callAs(handle.db);
      expect((await caller.auth.signIn({ email: account.email, password: account.password })).user.role).toBe(
        account.role,
      );
    }
  });
});
