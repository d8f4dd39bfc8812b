/** `nexus users ...` as an operator runs it on a host (in this process, through runCli), against the real Postgres. */
import { randomBytes } from "node:crypto";
import { listAudit } from "@nexus/db/queries/audit";
import { createSession, findUserByEmail } from "@nexus/db/queries/auth";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { verifyPassword } from "@nexus/services/users";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexusInProcess } from "../../test/nexus-in-process.js";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("worker_cli_users");
});
afterAll(async () => {
  await db.close();
});

/** Who runs the commands, as the audit log is to name them. */
const operator = "ops-on-call";

/** `nexus users ARGS`, with `stdin` piped in (closed and empty when not given, as `< /dev/null`). */
const nexus = (args: string[], stdin?: string) =>
  runNexusInProcess(["users", ...args], {
    env: { NEXUS_DB_SCHEMA: db.schema, KAFKA_BROKERS: "" },
    operator,
    ...(stdin === undefined ? {} : { stdin }),
  });

async function stored(email: string) {
  const user = await findUserByEmail(db.db, email);
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

/** The user's audit rows, newest first, as text (to search for secrets) and as rows. */
async function audit(userId: string) {
  const rows = (await listAudit(db.db, { limit: 1000, entityType: "user" }))
    .filter((row) => row.entityId === userId)
    .map(({ id: _id, ...row }) => row);
  return { rows, text: JSON.stringify(rows) };
}

async function sessionCount(userId: string): Promise<number> {
  const [row] = await db.sql<{ n: string }[]>`select count(*) as n from sessions where user_id = ${userId}`;
  return Number(row?.n);
}

// The tests run in order: the second one makes the only admin, which the lock-out test relies on.
describe("nexus users", () => {
  it("answers an empty listing with how to make the first admin", async () => {
    expect(await nexus(["list"])).toEqual({
      code: 0,
      stdout: "no users yet: make the first admin with nexus users create --email E --role admin\n",
      stderr: "",
    });
  });

  it("makes the first admin with the password piped on stdin, never printing or recording it", async () => {
    const piped = "the first admin's passphrase";
    const run = await nexus(["create", "--email", " Root@Example.COM ", "--role", "admin"], `${piped}\n`);

    expect(run).toMatchObject({ code: 0, stdout: "created root@example.com (admin)\n" });
    expect(run.stderr).not.toContain(piped);
    const user = await stored("root@example.com");
    expect(user).toMatchObject({ name: "root", role: "admin", disabledAt: null });
    expect(await verifyPassword(user.passwordHash, piped)).toBe(true);
    const { rows, text } = await audit(user.id);
    expect(rows).toMatchObject([{ actorType: "cli", actorId: operator, action: "user.create", ip: null }]);
    expect(text).not.toContain(piped);
    expect(text).not.toContain(user.passwordHash);
  });

  it("generates a strong password with --generate-password and prints it once, to stdout only", async () => {
    const run = await nexus([
      "create",
      "--email",
      "casey@example.com",
      "--role",
      "compliance",
      "--name",
      "Casey Compliance",
      "--generate-password",
    ]);

    expect(run.code).toBe(0);
    const password = /^password: (\S+)$/m.exec(run.stdout)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(run.stdout.split(password)).toHaveLength(2);
    expect(run.stderr).not.toContain(password);
    const user = await stored("casey@example.com");
    expect(user.name).toBe("Casey Compliance");
    expect(await verifyPassword(user.passwordHash, password)).toBe(true);
    expect((await audit(user.id)).text).not.toContain(password);
  });

  it("refuses a password on the command line without echoing it, and creates nothing", async () => {
    for (const [passing, message] of [
      [["--password=hunter2-hunter2"], "nexus: a password is never taken on the command line"],
      [["--password", "hunter2-hunter2"], "nexus: a password is never taken on the command line"],
      [["hunter2-hunter2"], "nexus: users create takes only options"],
    ] as const) {
      const run = await nexus(["create", "--email", "argv@example.com", "--role", "ops", ...passing]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain("hunter2");
    }
    expect(await findUserByEmail(db.db, "argv@example.com")).toBeUndefined();
  });

  it.each([
    ["no password piped", ["--role", "ops"], "", "nexus: no password on stdin"],
    [
      "a short password",
      ["--role", "ops"],
      "eleven char\n",
      "nexus: password: must be at least 12 characters",
    ],
    [
      "an unknown role",
      ["--role", "root"],
      "long enough password\n",
      "--role must be one of: compliance, trader, ops, admin",
    ],
  ])("refuses %s with exit 1 and creates nothing", async (_what, args, stdin, message) => {
    const run = await nexus(["create", "--email", "refused@example.com", ...args], stdin);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(await findUserByEmail(db.db, "refused@example.com")).toBeUndefined();
  });

  it("refuses an email that already has an account, naming the field", async () => {
    const run = await nexus([
      "create",
      "--email",
      "ROOT@example.com",
      "--role",
      "ops",
      "--generate-password",
    ]);
    expect(run).toMatchObject({
      code: 1,
      stderr: "nexus: email: root@example.com already has an account.\n",
    });
  });

  it("lists every account with role, status, creation and last sign-in", async () => {
    const run = await nexus(["list"]);
    expect(run.code).toBe(0);
    const [header, ...lines] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+CREATED\s+LAST SIGN-IN$/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^casey@example\.com\s+Casey Compliance\s+compliance\s+enabled\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+never$/,
    );
    expect(lines[1]).toMatch(/^root@example\.com\s+root\s+admin\s+enabled\s/);
  });

  it("disables an account, ending its sessions at once, and enables it again", async () => {
    const casey = await stored("casey@example.com");
    for (let index = 0; index < 2; index++) {
      await createSession(db.db, {
        tokenHash: randomBytes(32).toString("hex"),
        userId: casey.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    }

    expect(await nexus(["disable", "--email", "Casey@Example.com"])).toMatchObject({
      code: 0,
      stdout: "disabled casey@example.com; 2 sessions ended\n",
    });
    expect(await sessionCount(casey.id)).toBe(0);
    expect((await stored(casey.email)).disabledAt).not.toBeNull();
    expect((await nexus(["disable", "--email", casey.email])).stdout).toBe(
      "casey@example.com was already disabled; nothing changed\n",
    );
    expect((await nexus(["enable", "--email", casey.email])).stdout).toBe("enabled casey@example.com\n");
    expect((await nexus(["enable", "--email", casey.email])).stdout).toBe(
      "casey@example.com was already enabled; nothing changed\n",
    );
    expect((await audit(casey.id)).rows.map((row) => row.action)).toEqual([
      "user.enable",
      "user.disable",
      "user.create",
    ]);
  });

  it("changes a role, and refuses to demote or disable the last enabled admin", async () => {
    expect((await nexus(["set-role", "--email", "casey@example.com", "--role", "ops"])).stdout).toBe(
      "casey@example.com is now ops\n",
    );
    expect((await stored("casey@example.com")).role).toBe("ops");
    expect((await nexus(["set-role", "--email", "casey@example.com", "--role", "ops"])).stdout).toBe(
      "casey@example.com already has the role ops; nothing changed\n",
    );

    for (const args of [
      ["set-role", "--email", "root@example.com", "--role", "trader"],
      ["disable", "--email", "root@example.com"],
    ]) {
      const run = await nexus(args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("nexus: root@example.com is the last enabled admin");
    }
    expect(await stored("root@example.com")).toMatchObject({ role: "admin", disabledAt: null });
  });

  it("answers an unknown email with exit 1 and a clear message", async () => {
    for (const args of [["disable"], ["reset-password", "--generate-password"]]) {
      const [subcommand = "", ...rest] = args;
      const run = await nexus([subcommand, "--email", "Nobody@Example.com", ...rest]);
      expect(run).toMatchObject({ code: 1, stderr: "nexus: No user with email nobody@example.com.\n" });
    }
  });

  it("resets a password from stdin", async () => {
    const run = await nexus(["reset-password", "--email", "casey@example.com"], "casey's new passphrase\n");
    expect(run).toMatchObject({
      code: 0,
      stdout: "reset the password of casey@example.com; 0 sessions ended\n",
    });
    expect(
      await verifyPassword((await stored("casey@example.com")).passwordHash, "casey's new passphrase"),
    ).toBe(true);
  });

  it("generates the new password when stdin is a terminal, printing it once", async () => {
    const casey = await stored("casey@example.com");
    await createSession(db.db, {
      tokenHash: randomBytes(32).toString("hex"),
      userId: casey.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const run = await runNexusInProcess(["users", "reset-password", "--email", casey.email], {
      env: { NEXUS_DB_SCHEMA: db.schema, KAFKA_BROKERS: "" },
      operator,
      stdinIsTerminal: true,
    });
    expect(run.code).toBe(0);
    const [done, shown, once] = run.stdout.trimEnd().split("\n");
    expect(done).toBe("reset the password of casey@example.com; 1 session ended");
    expect(once).toBe("(shown only this once; it is stored only as a hash)");
    const password = /^password: (\S+)$/.exec(shown ?? "")?.[1] ?? "";
    expect(await verifyPassword((await stored(casey.email)).passwordHash, password)).toBe(true);
    expect(await sessionCount(casey.id)).toBe(0);
  });
});
