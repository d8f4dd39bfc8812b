/** The user use cases on the real Postgres: what they store, what they refuse, and what they audit. */
import { randomBytes } from "node:crypto";
import { listAudit } from "@nexus/db/queries/audit";
import type { AuditEntry } from "@nexus/db/queries/audit";
import { createSession, findUserByEmail } from "@nexus/db/queries/auth";
import type { User } from "@nexus/db/queries/auth";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor, ChangeContext } from "../context";
import type { Account } from "./account";
import { UserAdminError } from "./errors";
import { verifyPassword } from "./password";
import type { Role } from "./role";
import { changeRole, createAccount, disableAccount, enableAccount, resetPassword } from "./user-admin";

const NOW = new Date("2025-03-03T14:30:00.000Z");
const operator: Actor = { actorType: "cli", actorId: "ops-oncall", ip: null };

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("services_users");
});
afterAll(async () => {
  await handle.close();
});

const as = (actor: Actor, db = handle.db): ChangeContext => ({ db, actor, now: NOW });
const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.com`;

async function stored(email: string): Promise<User> {
  const user = await findUserByEmail(handle.db, email);
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

async function auditOf(userId: string, db = handle.db): Promise<AuditEntry[]> {
  return (await listAudit(db, { limit: 1000, entityType: "user" })).filter((row) => row.entityId === userId);
}

/** Everything an audit row (or rows) records, as text to search for a secret in. */
const recorded = (rows: unknown): string =>
  JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));

async function openSessions(userId: string, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    await createSession(handle.db, {
      tokenHash: randomBytes(32).toString("hex"),
      userId,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
  }
}

async function sessionCount(userId: string): Promise<number> {
  const [row] = await handle.sql<
    { n: string }[]
  >`select count(*) as n from sessions where user_id = ${userId}`;
  return Number(row?.n);
}

/** The refusal a use case throws (fails the test if it succeeds or throws anything else). */
async function refusal(call: Promise<unknown>): Promise<UserAdminError> {
  const error: unknown = await call.then(
    () => new Error("the change was not refused"),
    (thrown: unknown) => thrown,
  );
  if (error instanceof UserAdminError) return error;
  throw error;
}

async function account(role: Role, options: { disabled?: boolean } = {}, db = handle.db): Promise<Account> {
  const { account: created } = await createAccount(as(operator, db), {
    email: uniqueEmail(role),
    name: `Test ${role}`,
    role,
    password: "a long enough password",
  });
  if (options.disabled) await disableAccount(as(operator, db), { id: created.id });
  return created;
}

describe("createAccount", () => {
  it("stores a normalized email and an argon2id hash of the password, and audits without either secret", async () => {
    const email = uniqueEmail("Ann.Lee").toUpperCase();
    const password = "correct horse battery staple";
    const created = await createAccount(as(operator), {
      email: `  ${email} `,
      name: " Ann Lee ",
      role: "compliance",
      password,
    });

    expect(created.generatedPassword).toBeNull();
    expect(created.account).toMatchObject({
      email: email.toLowerCase(),
      name: "Ann Lee",
      role: "compliance",
    });
    expect(created.account).not.toHaveProperty("passwordHash");
    const user = await stored(email);
    expect(user.createdAt).toEqual(NOW);
    expect(await verifyPassword(user.passwordHash, password)).toBe(true);

    const [row, ...more] = await auditOf(user.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      actorType: "cli",
      actorId: "ops-oncall",
      action: "user.create",
      ip: null,
      details: { email: email.toLowerCase(), name: "Ann Lee", role: "compliance", passwordGenerated: false },
    });
    expect(recorded(row)).not.toContain(password);
    expect(recorded(row)).not.toContain(user.passwordHash);
  });

  it("generates a strong password when none is given and returns it once, never recording it", async () => {
    const email = uniqueEmail("generated");
    const created = await createAccount(as(operator), { email, name: "Gen", role: "trader" });

    const password = created.generatedPassword ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    const user = await stored(email);
    expect(await verifyPassword(user.passwordHash, password)).toBe(true);
    const audit = recorded(await auditOf(user.id));
    expect(audit).toContain('"passwordGenerated":true');
    expect(audit).not.toContain(password);
  });

  it("refuses an email that already has an account, whatever its case, naming the field", async () => {
    const email = uniqueEmail("taken");
    await createAccount(as(operator), { email, name: "First", role: "ops" });

    const error = await refusal(
      createAccount(as(operator), { email: ` ${email.toUpperCase()}`, name: "Second", role: "admin" }),
    );
    expect(error).toMatchObject({ problem: "duplicate_email", field: "email" });
    expect(error.message).toBe(`email: ${email} already has an account.`);
    expect((await stored(email)).name).toBe("First");
    expect(await auditOf((await stored(email)).id)).toHaveLength(1);
  });

  it.each([
    ["a short password", { password: "eleven char" }, "password", "password: must be at least 12 characters"],
    ["a bad email", { email: "not-an-email" }, "email", "email: Invalid email address"],
    ["an empty name", { name: "   " }, "name", "name: Too small: expected string to have >=1 characters"],
  ])("refuses %s, naming the field, and stores nothing", async (_what, change, field, message) => {
    const email = uniqueEmail("invalid");
    const error = await refusal(
      createAccount(as(operator), { email, name: "Valid Name", role: "ops", ...change }),
    );
    expect(error).toMatchObject({ problem: "invalid", field, message });
    expect(await findUserByEmail(handle.db, email)).toBeUndefined();
  });
});

describe("disableAccount", () => {
  it("disables the account, ends all its sessions in the same change and audits how many", async () => {
    const user = await account("trader");
    await openSessions(user.id, 2);

    const result = await disableAccount(as(operator), { email: ` ${user.email.toUpperCase()} ` });

    expect(result).toMatchObject({ changed: true, sessionsEnded: 2, account: { disabledAt: NOW } });
    expect(await sessionCount(user.id)).toBe(0);
    expect((await auditOf(user.id))[0]).toMatchObject({
      action: "user.disable",
      actorType: "cli",
      details: { email: user.email, sessionsEnded: 2 },
    });
  });

  it("does nothing, and records nothing, for an account already disabled", async () => {
    const user = await account("ops", { disabled: true });
    const before = await auditOf(user.id);

    expect(await disableAccount(as(operator), { id: user.id })).toMatchObject({
      changed: false,
      sessionsEnded: 0,
    });
    expect(await auditOf(user.id)).toEqual(before);
  });

  it("refuses an unknown email or id with a message naming it", async () => {
    const byEmail = await refusal(disableAccount(as(operator), { email: "Nobody@Example.com" }));
    expect(byEmail).toMatchObject({ problem: "unknown_user", field: "email" });
    expect(byEmail.message).toBe("No user with email nobody@example.com.");
    const id = crypto.randomUUID();
    expect((await refusal(disableAccount(as(operator), { id }))).message).toBe(`No user with id ${id}.`);
  });
});

describe("enableAccount", () => {
  it("lets a disabled account in again, once, and audits it", async () => {
    const user = await account("compliance", { disabled: true });

    const enabled = await enableAccount(as(operator), { email: user.email });
    expect(enabled).toMatchObject({ changed: true, account: { disabledAt: null } });
    expect((await auditOf(user.id))[0]).toMatchObject({
      action: "user.enable",
      details: { email: user.email, disabledAt: NOW.toISOString() },
    });
    expect(await enableAccount(as(operator), { id: user.id })).toMatchObject({ changed: false });
    expect((await auditOf(user.id)).filter((row) => row.action === "user.enable")).toHaveLength(1);
  });
});

describe("changeRole", () => {
  it("changes the role and audits the old and new one; the same role changes nothing", async () => {
    const user = await account("trader");

    expect(await changeRole(as(operator), { email: user.email }, "ops")).toMatchObject({
      changed: true,
      account: { role: "ops" },
    });
    expect((await auditOf(user.id))[0]).toMatchObject({
      action: "user.set_role",
      details: { email: user.email, from: "trader", to: "ops" },
    });
    expect(await changeRole(as(operator), { id: user.id }, "ops")).toMatchObject({ changed: false });
    expect(await auditOf(user.id)).toHaveLength(2);
  });
});

describe("resetPassword", () => {
  it("sets a generated password shown once, retires the old one and ends every session", async () => {
    const user = await account("ops");
    await openSessions(user.id, 3);

    const reset = await resetPassword(as(operator), { email: user.email });

    const password = reset.generatedPassword ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(reset.sessionsEnded).toBe(3);
    expect(await sessionCount(user.id)).toBe(0);
    const { passwordHash } = await stored(user.email);
    expect(await verifyPassword(passwordHash, password)).toBe(true);
    expect(await verifyPassword(passwordHash, "a long enough password")).toBe(false);
    const [row] = await auditOf(user.id);
    expect(row).toMatchObject({
      action: "user.reset_password",
      details: { email: user.email, sessionsEnded: 3, passwordGenerated: true },
    });
    expect(recorded(row)).not.toContain(password);
    expect(recorded(row)).not.toContain(passwordHash);
  });

  it("sets a password the operator chose, if it is long enough", async () => {
    const user = await account("trader");
    const chosen = "a new passphrase for the desk";
    expect(await resetPassword(as(operator), { id: user.id }, chosen)).toMatchObject({
      generatedPassword: null,
    });
    expect(await verifyPassword((await stored(user.email)).passwordHash, chosen)).toBe(true);

    const error = await refusal(resetPassword(as(operator), { id: user.id }, "too short"));
    expect(error).toMatchObject({ problem: "invalid", field: "password" });
    expect(await verifyPassword((await stored(user.email)).passwordHash, chosen)).toBe(true);
  });
});

describe("lock-out protection", () => {
  // Each case counts every admin in its database, so each gets a database of its own.
  async function freshDatabase(): Promise<TestSchema> {
    return createTestDatabase("services_lockout");
  }

  it("refuses to disable or demote the last enabled admin, from the CLI too, and changes nothing", async () => {
    const db = await freshDatabase();
    try {
      const admin = await account("admin", {}, db.db);
      await account("admin", { disabled: true }, db.db); // a disabled admin manages nothing

      const disable = await refusal(disableAccount(as(operator, db.db), { id: admin.id }));
      expect(disable.problem).toBe("last_admin");
      expect(disable.message).toContain(`${admin.email} is the last enabled admin`);
      const demote = await refusal(changeRole(as(operator, db.db), { id: admin.id }, "compliance"));
      expect(demote.problem).toBe("last_admin");
      expect((await auditOf(admin.id, db.db)).map((row) => row.action)).toEqual(["user.create"]);
    } finally {
      await db.close();
    }
  });

  it("lets an admin demote or disable another admin, but never disable themself", async () => {
    const db = await freshDatabase();
    try {
      const first = await account("admin", {}, db.db);
      const second = await account("admin", {}, db.db);
      const third = await account("admin", {}, db.db);
      const signedIn: Actor = { actorType: "user", actorId: first.id, ip: "203.0.113.9" };

      const self = await refusal(disableAccount(as(signedIn, db.db), { id: first.id }));
      expect(self).toMatchObject({ problem: "self_disable" });
      expect(await disableAccount(as(signedIn, db.db), { id: second.id })).toMatchObject({ changed: true });
      expect(await changeRole(as(signedIn, db.db), { id: first.id }, "ops")).toMatchObject({ changed: true });
      // `third` is now the only enabled admin.
      expect((await refusal(changeRole(as(signedIn, db.db), { id: third.id }, "ops"))).problem).toBe(
        "last_admin",
      );
      expect((await auditOf(second.id, db.db))[0]).toMatchObject({
        actorType: "user",
        actorId: first.id,
        ip: "203.0.113.9",
      });
    } finally {
      await db.close();
    }
  });

  it("lets exactly one of two admins demoting each other at the same time succeed", async () => {
    const db = await freshDatabase();
    try {
      const first = await account("admin", {}, db.db);
      const second = await account("admin", {}, db.db);
      const by = (admin: Account) => as({ actorType: "user", actorId: admin.id, ip: null }, db.db);
      // Several rounds: without the locks, both would read "two admins" and both succeed in most rounds.
      for (let round = 0; round < 5; round++) {
        const results = await Promise.allSettled([
          changeRole(by(first), { id: second.id }, "ops"),
          changeRole(by(second), { id: first.id }, "ops"),
        ]);

        expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
        expect(results.find((result) => result.status === "rejected")?.reason).toMatchObject({
          problem: "last_admin",
        });
        const admins = await db.sql<{ id: string }[]>`
          select id from users where role = 'admin' and disabled_at is null`;
        expect(admins).toHaveLength(1);
        await changeRole(
          as(operator, db.db),
          { id: admins[0]?.id === first.id ? second.id : first.id },
          "admin",
        );
      }
    } finally {
      await db.close();
    }
  });
});
