import { listAudit } from "@nexus/db/queries/audit";
import { revokeApiKey } from "@nexus/db/queries/auth";
import { createTestDatabase } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, rejection, signIn } from "../test/harness";
import { API_KEY_CACHE_TTL_MS } from "./auth/api-key";
import { sha256Hex } from "./auth/tokens";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let adminId: string;
let adminSession: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  const admin = await createUserWithRole(handle.db, "admin");
  adminId = admin.id;
  adminSession = await signIn(handle.db, admin.email, admin.password);
});
afterAll(async () => {
  await handle.close();
});

const asAdmin = async () => (await callAs(handle.db, { session: adminSession })).caller;

describe("apiKeys", () => {
  it("returns a new key once; the list shows its prefix but never the key or its hash", async () => {
    const created = await (await asAdmin()).apiKeys.create({ name: "  risk-service " });
    expect(created.key).toMatch(/^nxk_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "risk-service", prefix: created.key.slice(0, 12) });

    const listed = (await (await asAdmin()).apiKeys.list()).find((key) => key.id === created.id);
    expect(listed).toMatchObject({
      name: "risk-service",
      prefix: created.prefix,
      createdBy: adminId,
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain(sha256Hex(created.key));
  });

  it("lets a service key call the procedures that allow services, and nothing else", async () => {
    const { key, id, prefix } = await (await asAdmin()).apiKeys.create({ name: "surveillance-feed" });
    const { caller } = await callAs(handle.db, { apiKey: key });
    expect(await caller.auth.me()).toEqual({
      kind: "service",
      apiKey: { id, name: "surveillance-feed", prefix },
    });
    await expect(caller.overview.summary({})).resolves.toMatchObject({ eventCounts: expect.any(Array) });
    expect((await rejection(caller.audit.list({}))).code).toBe("FORBIDDEN");
    expect((await rejection(caller.apiKeys.list())).code).toBe("FORBIDDEN");
    expect((await rejection(caller.auth.signOut())).code).toBe("FORBIDDEN");
  });

  it("refuses a revoked key and an unknown one with UNAUTHORIZED", async () => {
    const { key, id } = await (await asAdmin()).apiKeys.create({ name: "short-lived" });
    // Used once first: the process now remembers the key, and revoking it here must forget it.
    await expect((await callAs(handle.db, { apiKey: key })).caller.auth.me()).resolves.toMatchObject({
      kind: "service",
    });
    const revoked = await (await asAdmin()).apiKeys.revoke({ id });
    expect(revoked.id).toBe(id);
    expect((await rejection((await callAs(handle.db, { apiKey: key })).caller.auth.me())).code).toBe(
      "UNAUTHORIZED",
    );
    const unknown = (await callAs(handle.db, { apiKey: `nxk_${"A".repeat(43)}` })).caller;
    expect((await rejection(unknown.auth.me())).code).toBe("UNAUTHORIZED");
  });

  it("refuses a key another process revoked once API_KEY_CACHE_TTL_MS has passed", async () => {
    const { key, id } = await (await asAdmin()).apiKeys.create({ name: "revoked-elsewhere" });
    const me = async (at: Date) => (await callAs(handle.db, { apiKey: key, now: at })).caller.auth.me();
    const start = new Date("2025-05-05T09:00:00.000Z");
    await expect(me(start)).resolves.toMatchObject({ kind: "service" });
    // As another web replica would: the row changes, this process hears nothing of it.
    expect(await revokeApiKey(handle.db, id, start)).toBe(true);
    const within = new Date(start.getTime() + API_KEY_CACHE_TTL_MS - 1);
    await expect(me(within)).resolves.toMatchObject({ kind: "service" });
    const after = new Date(start.getTime() + API_KEY_CACHE_TTL_MS);
    expect((await rejection(me(after))).code).toBe("UNAUTHORIZED");
  });

  it("answers NOT_FOUND when revoking a key twice or one that does not exist", async () => {
    const { id } = await (await asAdmin()).apiKeys.create({ name: "twice" });
    await (await asAdmin()).apiKeys.revoke({ id });
    expect((await rejection((await asAdmin()).apiKeys.revoke({ id }))).code).toBe("NOT_FOUND");
    expect((await rejection((await asAdmin()).apiKeys.revoke({ id: crypto.randomUUID() }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("touches last_used_at at most once a minute", async () => {
    const { key, id } = await (await asAdmin()).apiKeys.create({ name: "touchy" });
    const lastUsed = async () =>
      (await (await asAdmin()).apiKeys.list()).find((row) => row.id === id)?.lastUsedAt;
    const use = async (iso: string) =>
      (await callAs(handle.db, { apiKey: key, now: new Date(iso) })).caller.auth.me();

    await use("2025-03-03T10:00:00.000Z");
    expect(await lastUsed()).toEqual(new Date("2025-03-03T10:00:00.000Z"));
    await use("2025-03-03T10:00:59.999Z");
    expect(await lastUsed()).toEqual(new Date("2025-03-03T10:00:00.000Z"));
    await use("2025-03-03T10:01:00.000Z");
    expect(await lastUsed()).toEqual(new Date("2025-03-03T10:01:00.000Z"));
  });

  it("audits creation and revocation with the admin, ip and key details", async () => {
    const { id, prefix } = await (await asAdmin()).apiKeys.create({ name: "audited" });
    await (await asAdmin()).apiKeys.revoke({ id });
    const rows = (await listAudit(handle.db, { limit: 100, entityType: "api_key" })).filter(
      (row) => row.entityId === id,
    );
    expect(rows.map((row) => row.action)).toEqual(["api_key.revoke", "api_key.create"]);
    for (const row of rows)
      expect(row).toMatchObject({ actorType: "user", actorId: adminId, ip: "203.0.113.9" });
    expect(rows[1]?.details).toEqual({ name: "audited", prefix, scopes: [] });
  });

  it("names the field of an empty key name", async () => {
    const failure = await rejection((await asAdmin()).apiKeys.create({ name: "   " }));
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.message).toContain('"name"');
  });
});
