import { listAudit } from "@nexus/db/queries/audit";
import { findSessionUser, listApiKeys } from "@nexus/db/queries/auth";
import { createTestDatabase } from "@nexus/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, signIn } from "../test/harness";
import { sha256Hex } from "./auth/tokens";

// A change that matters to a regulator and its audit row commit together or not at all. To stand in for
// a crash or a lost connection between the two, the test schema refuses the audit insert of chosen
// actions; the change made just before it in the same request must then be gone too.
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: Awaited<ReturnType<typeof createUserWithRole>>;
let adminSession: string;

beforeAll(async () => {
  handle = await createTestDatabase("audit_atomic");
  admin = await createUserWithRole(handle.db, "admin");
  adminSession = await signIn(handle.db, admin.email, admin.password);
  await handle.sql.unsafe(`
    create table failing_audit_actions (action text primary key);
    create function refuse_chosen_audit() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from failing_audit_actions where action = new.action) then
        raise exception 'audit store unavailable for %', new.action;
      end if;
      return new;
    end $$;
    create trigger refuse_chosen_audit before insert on audit_log
      for each row execute function refuse_chosen_audit();
  `);
});
afterEach(async () => {
  await handle.sql`delete from failing_audit_actions`;
});
afterAll(async () => {
  await handle.close();
});

async function failAuditOf(action: string): Promise<void> {
  await handle.sql`insert into failing_audit_actions (action) values (${action})`;
}

const asAdmin = async () => (await callAs(handle.db, { session: adminSession })).caller;

describe("a regulated change and its audit row are one transaction", () => {
  it("creates no API key when its audit row cannot be written", async () => {
    await failAuditOf("api_key.create");
    await expect((await asAdmin()).apiKeys.create({ name: "orphan-key" })).rejects.toThrow();
    expect((await listApiKeys(handle.db)).map((key) => key.name)).not.toContain("orphan-key");
  });

  it("leaves the key active when the revocation cannot be recorded", async () => {
    const created = await (await asAdmin()).apiKeys.create({ name: "kept-key" });
    await failAuditOf("api_key.revoke");
    await expect((await asAdmin()).apiKeys.revoke({ id: created.id })).rejects.toThrow();
    const key = (await listApiKeys(handle.db)).find((row) => row.id === created.id);
    expect(key?.revokedAt).toBeNull();
    const { caller } = await callAs(handle.db, { apiKey: created.key });
    await expect(caller.auth.me()).resolves.toMatchObject({ kind: "service" });
  });

  it("opens no session and sets no cookie when the sign-in cannot be recorded", async () => {
    const trader = await createUserWithRole(handle.db, "trader");
    await failAuditOf("auth.sign_in");
    const { caller, resHeaders } = await callAs(handle.db);
    await expect(caller.auth.signIn({ email: trader.email, password: trader.password })).rejects.toThrow();
    expect(resHeaders.get("set-cookie")).toBeNull();
    const [sessions] = await handle.sql<{ count: string }[]>`
      select count(*) from sessions where user_id = ${trader.id}`;
    expect(sessions?.count).toBe("0");
  });

  it("keeps the session signed in when the sign-out cannot be recorded", async () => {
    const trader = await createUserWithRole(handle.db, "trader");
    const token = await signIn(handle.db, trader.email, trader.password);
    await failAuditOf("auth.sign_out");
    const { caller, resHeaders } = await callAs(handle.db, { session: token });
    await expect(caller.auth.signOut()).rejects.toThrow();
    expect(resHeaders.get("set-cookie")).toBeNull();
    expect(await findSessionUser(handle.db, sha256Hex(token), new Date())).toMatchObject({ id: trader.id });
  });

  it("commits the change and its row together when nothing fails", async () => {
    const created = await (await asAdmin()).apiKeys.create({ name: "audited-key" });
    const rows = await listAudit(handle.db, { limit: 10, entityType: "api_key" });
    expect(rows.find((row) => row.entityId === created.id)).toMatchObject({
      action: "api_key.create",
      actorId: admin.id,
    });
  });
});
