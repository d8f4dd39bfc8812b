import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../src/client";
import { migrate, readMigrations } from "../src/migrate";
import { createTestDatabase } from "../src/testing";

const specifiedTables = [
  "surveillance_alerts",
  "trading_profiles",
  "detector_configs",
  "portfolio_snapshots",
  "risk_metric_cache",
  "market_data_cache",
  "correlation_cache",
  "routing_decisions",
  "execution_logs",
  "venue_configurations",
  "venue_performance",
];

let handle: DbHandle & { schema: string };
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("migrated schema", () => {
  it("has the 11 tables of the specification, with primary keys", async () => {
    const rows = await handle.sql<{ table_name: string }[]>`
      select t.table_name from information_schema.tables t
      join information_schema.table_constraints c
        on c.table_schema = t.table_schema and c.table_name = t.table_name and c.constraint_type = 'PRIMARY KEY'
      where t.table_schema = ${handle.schema}`;
    const tables = rows.map((row) => row.table_name);
    for (const table of specifiedTables) expect(tables).toContain(table);
  });

  it("stores money as numeric with explicit precision and scale", async () => {
    const rows = await handle.sql<{ numeric_precision: number; numeric_scale: number }[]>`
      select numeric_precision, numeric_scale from information_schema.columns
      where table_schema = ${handle.schema} and table_name = 'routing_decisions' and column_name = 'expected_price'`;
    expect(rows).toEqual([{ numeric_precision: 18, numeric_scale: 6 }]);
  });

  it("migrating again applies nothing", async () => {
    const before = await handle.sql`select id, hash, created_at from __drizzle_migrations order by id`;
    const applied: string[] = [];
    await migrate(handle.sql, { schema: handle.schema, onApplied: (m) => applied.push(m.tag) });
    const after = await handle.sql`select id, hash, created_at from __drizzle_migrations order by id`;
    expect(applied).toEqual([]);
    expect(after).toEqual(before);
    expect(before.length).toBe((await readMigrations()).length);
  });

  it("two schemas migrated at the same time do not collide, and each FK points into its own schema", async () => {
    const [other, third] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      const fks = await handle.sql<{ target: string }[]>`
        select confrelid::regclass::text as target from pg_constraint c
        join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = ${other.schema}`;
      expect(fks.length).toBeGreaterThan(0);
      for (const fk of fks) expect(fk.target.startsWith(`${other.schema}.`)).toBe(true);
      await other.sql`insert into venue_configurations (venue_id, name, venue_type, maker_fee, taker_fee, expected_latency_ms)
        values ('XNAS', 'Nasdaq', 'exchange', -0.0020, 0.0030, 2)`;
      const [counted] = await third.sql<{ n: number }[]>`select count(*)::int as n from venue_configurations`;
      expect(counted?.n).toBe(0);
    } finally {
      await Promise.all([other.close(), third.close()]);
    }
  });

  it("concurrent migrations of one schema apply each migration once", async () => {
    const schema = `test_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    try {
      const applied: string[] = [];
      await Promise.all(
        [1, 2, 3].map(() => migrate(handle.sql, { schema, onApplied: (m) => applied.push(m.tag) })),
      );
      const tags = (await readMigrations()).map((m) => m.tag);
      expect(tags.slice(0, 2)).toEqual(["0000_init", "0001_audit_log_append_only"]);
      expect(applied.sort()).toEqual(tags);
    } finally {
      await handle.sql.unsafe(`drop schema if exists "${schema}" cascade`);
    }
  });
});

describe("constraints", () => {
  const userId = randomUUID();

  it("allows one active halt per target, and a new one once it is lifted", async () => {
    await handle.sql`insert into trading_halts (scope, user_id, reason) values ('user', ${userId}, 'spoofing')`;
    await expect(
      handle.sql`insert into trading_halts (scope, user_id, reason) values ('user', ${userId}, 'again')`,
    ).rejects.toThrow(/trading_halts_one_active_per_target/);
    // Same user, different scope target: allowed.
    await handle.sql`insert into trading_halts (scope, user_id, symbol, reason) values ('user_symbol', ${userId}, 'AAPL', 'x')`;
    await handle.sql`update trading_halts set status = 'lifted', lifted_at = now() where scope = 'user' and user_id = ${userId}`;
    await handle.sql`insert into trading_halts (scope, user_id, reason) values ('user', ${userId}, 'after lift')`;
    const [active] = await handle.sql<{ n: number }[]>`
      select count(*)::int as n from trading_halts where user_id = ${userId} and status = 'active'`;
    expect(active?.n).toBe(2);
  });

  it("rejects one active symbol halt twice and a halt whose target does not match its scope", async () => {
    await handle.sql`insert into trading_halts (scope, symbol, reason) values ('symbol', 'MSFT', 'news')`;
    await expect(
      handle.sql`insert into trading_halts (scope, symbol, reason) values ('symbol', 'MSFT', 'news')`,
    ).rejects.toThrow(/trading_halts_one_active_per_target/);
    await expect(
      handle.sql`insert into trading_halts (scope, symbol, reason) values ('user', 'MSFT', 'bad')`,
    ).rejects.toThrow(/trading_halts_scope_target/);
  });

  it("links two accounts once, in either order, and never an account to itself", async () => {
    await handle.sql`insert into related_accounts (account_a, account_b, relationship) values ('ACC-1', 'ACC-2', 'same owner')`;
    await expect(
      handle.sql`insert into related_accounts (account_a, account_b, relationship) values ('ACC-1', 'ACC-2', 'dup')`,
    ).rejects.toThrow(/related_accounts_pair_key/);
    await expect(
      handle.sql`insert into related_accounts (account_a, account_b, relationship) values ('ACC-2', 'ACC-1', 'reversed')`,
    ).rejects.toThrow(/related_accounts_canonical_pair/);
    await expect(
      handle.sql`insert into related_accounts (account_a, account_b, relationship) values ('ACC-3', 'ACC-3', 'self')`,
    ).rejects.toThrow(/related_accounts_canonical_pair/);
  });

  it("keeps one position per user and symbol, one venue per venue_id, one performance row per venue and period", async () => {
    await handle.sql`insert into positions (user_id, symbol, quantity, average_cost) values (${userId}, 'AAPL', 10, 189.25)`;
    await expect(
      handle.sql`insert into positions (user_id, symbol, quantity, average_cost) values (${userId}, 'AAPL', 5, 1)`,
    ).rejects.toThrow(/positions_user_symbol_key/);
    const venue = sqlVenue("XARCA");
    await handle.sql.unsafe(venue);
    await expect(handle.sql.unsafe(venue)).rejects.toThrow(/venue_configurations_venue_id_unique/);
    const perf = `insert into venue_performance (venue_id, period_type, period_start, order_count, fill_rate,
      latency_p50_ms, latency_p99_ms, avg_price_improvement, price_improvement_rate, executed_volume,
      executed_notional, total_fees) values ('XARCA', 'day', '2026-11-24T00:00:00Z', 10, 0.95, 2, 9, 0.001, 0.4, 1000, 189250, 3)`;
    await handle.sql.unsafe(perf);
    await expect(handle.sql.unsafe(perf)).rejects.toThrow(/venue_performance_venue_period_key/);
  });

  it("refuses an alert closed without a disposition and a confidence above 1", async () => {
    const insert = (status: string, confidence: string) => handle.sql`
      insert into surveillance_alerts (alert_type, severity, status, user_id, account_id, symbol, detected_at,
        description, confidence_score, recommended_action)
      values ('spoofing', 'high', ${status}, ${userId}, ${userId}, 'AAPL', now(), 'd', ${confidence}, 'review')`;
    await insert("open", "1");
    await expect(insert("closed_no_action", "0.5")).rejects.toThrow(
      /surveillance_alerts_closed_has_disposition/,
    );
    await expect(insert("open", "1.0001")).rejects.toThrow(/surveillance_alerts_confidence_range/);
  });
});

describe("audit_log", () => {
  it("accepts inserts and rejects UPDATE, DELETE and TRUNCATE with a clear message", async () => {
    await handle.sql`insert into audit_log (actor_type, action, entity_type) values ('user', 'alert.disposition', 'alert')`;
    await expect(handle.sql`update audit_log set action = 'x'`).rejects.toThrow(
      "audit_log is append-only: UPDATE is not allowed",
    );
    await expect(handle.sql`delete from audit_log`).rejects.toThrow(
      "audit_log is append-only: DELETE is not allowed",
    );
    await expect(handle.sql`truncate audit_log`).rejects.toThrow(
      "audit_log is append-only: TRUNCATE is not allowed",
    );
    const [left] = await handle.sql<{ n: number }[]>`select count(*)::int as n from audit_log`;
    expect(left?.n).toBe(1);
  });
});

function sqlVenue(venueId: string): string {
  return `insert into venue_configurations (venue_id, name, venue_type, maker_fee, taker_fee, expected_latency_ms)
    values ('${venueId}', 'NYSE Arca', 'exchange', -0.0020, 0.0030, 2)`;
}
