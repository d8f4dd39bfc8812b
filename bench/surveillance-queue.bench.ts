/**
 * The compliance workspace at 1,000,000 stored alerts (issue 11), through the alerts procedures as the
 * web app calls them (a compliance officer's session):
 * - surveillance.queue.p95_ms: one filtered, sorted page of the queue (`alerts.queue`, 50 rows): open
 *   statuses with a severity, a type or a symbol, newest, oldest or critical first, first and third pages.
 * - surveillance.timeline.p95_ms: one alert's detail (`alerts.get`): the alert with its evidence timeline,
 *   its review history and the same user's other alerts, for alerts picked across the table.
 * The alerts are written by one INSERT ... SELECT over generate_series (about a minute), spread over 30
 * days, 61 symbols and 2,003 users, 70 % closed.
 */
import { randomUUID } from "node:crypto";
import { createCaller } from "@nexus/api";
import type { Context } from "@nexus/api";
import { ALERT_TYPES as TYPES, SEVERITIES } from "@nexus/core/events";
import { createSeededRandom } from "@nexus/core/random";
import { createDb } from "@nexus/db/client";
import { migrate } from "@nexus/db/migrate";
import { MemoryRateLimiter } from "@nexus/platform/rate-limit";
import { benchDatabaseUrl } from "./bench-worker.js";
import type { BenchResult, BenchServices } from "./types.js";

const ALERTS = 1_000_000;
const RUNS = 400;
const WARMUP = 20;
/** Prime, so every symbol has alerts in every status (i % 10 picks the status). */
const SYMBOLS = 61;

export const services: BenchServices = { postgres: benchDatabaseUrl };
const log = (message: string) => process.stderr.write(`bench surveillance-queue: ${message}\n`);

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
}

async function timed(runs: number, call: (run: number) => Promise<unknown>): Promise<number[]> {
  for (let run = 0; run < WARMUP; run++) await call(run);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await call(run);
    samples.push(performance.now() - start);
  }
  return samples;
}

export default async function bench(): Promise<BenchResult[]> {
  const schema = `bench_queue_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const handle = createDb({ url: benchDatabaseUrl, schema, max: 4 });
  try {
    await migrate(handle.sql, { schema });
    log(`storing ${ALERTS} alerts`);
    const seedStart = performance.now();
    // Loading 1M rows is several times faster without the secondary indexes: they are dropped and
    // rebuilt from their own definitions (pg_indexes), so the bench measures the migrated indexes.
    const indexes = await handle.sql<{ name: string; definition: string }[]>`
      select indexname as name, indexdef as definition from pg_indexes
      where schemaname = ${schema} and tablename = 'surveillance_alerts' and indexname not like '%_pkey'`;
    for (const index of indexes) await handle.sql.unsafe(`drop index "${schema}"."${index.name}"`);
    // Ids shaped as version 4 (the API takes RFC 9562 uuids only). Evidence as the detectors write it: metrics, thresholds and a 24-point order timeline (64 shapes).
    await handle.sql.unsafe(`
      with timelines as (
        select n, jsonb_agg(jsonb_build_object(
          'at', to_char(timestamptz '2026-11-01T00:00:00Z' + (n * 977 + k * 40) * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'event', (array['created','modified','cancelled','filled'])[1 + (k + n) % 4],
          'side', (array['buy','sell'])[1 + n % 2],
          'price', (100 + k * 0.01)::text,
          'quantity', (100 * (1 + k % 5))::text) order by k) as timeline
        from generate_series(0, 63) as n, generate_series(0, 23) as k group by n)
      insert into surveillance_alerts (id, alert_type, severity, status, user_id, account_id, symbol,
        detected_at, description, evidence, confidence_score, recommended_action, first_event_at,
        last_event_at, assignee_id, disposition_at, disposition_reason, disposition_notes)
      select overlay(overlay(md5('alert' || i) placing '4' from 13) placing '8' from 17)::uuid,
        (array['${TYPES.join("','")}'])[1 + i % 6]::alert_type,
        (array['${SEVERITIES.join("','")}'])[1 + (i / 7) % 4]::alert_severity,
        case when i % 10 < 7 then (array['closed_no_action','closed_reported'])[1 + (i / 10) % 2]
             else (array['open','under_review','escalated'])[1 + (i / 10) % 3] end::alert_status,
        md5('user' || (i % 2003))::uuid, 'ACC-' || (i % 2003), 'SYM' || (i % ${SYMBOLS}),
        timestamptz '2026-11-01T00:00:00Z' + i * interval '2.592 seconds',
        'Pattern of ' || (3 + i % 9) || ' orders cancelled within 400 ms',
        jsonb_build_object(
          'metrics', jsonb_build_object('cancel_ratio', 0.9 + (i % 10) / 100.0, 'orders', 3 + i % 9),
          'thresholds', jsonb_build_object('cancel_ratio', 0.9),
          'timeline', timelines.timeline),
        0.5 + (i % 50) / 100.0, 'Review',
        timestamptz '2026-11-01T00:00:00Z' + i * interval '2.592 seconds' - interval '2 seconds',
        timestamptz '2026-11-01T00:00:00Z' + i * interval '2.592 seconds',
        case when i % 5 = 0 then md5('officer' || (i % 7))::uuid end,
        case when i % 10 < 7 then timestamptz '2026-12-01T00:00:00Z' end,
        case when i % 10 < 7 then 'false_positive' end,
        case when i % 10 < 7 then 'bench' end
      from generate_series(1, ${ALERTS}) as i join timelines on timelines.n = i % 64`);
    for (const index of indexes) await handle.sql.unsafe(index.definition);
    await handle.sql`analyze`;
    log(`stored in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const context: Context = {
      db: handle.db,
      principal: {
        kind: "user",
        user: { id: randomUUID(), email: "bench@example.com", name: "Bench", role: "compliance" },
        sessionTokenHash: "bench",
      },
      ip: null,
      userAgent: null,
      secure: false,
      resHeaders: new Headers(),
      clock: () => new Date(),
      // The bench only reads: nothing is sampled.
      random: { nextUint32: () => 0 },
      rateLimiter: new MemoryRateLimiter(),
    };
    const caller = createCaller(context);
    const random = createSeededRandom(11);
    const pick = <T>(values: readonly T[]): T => values[random.nextUint32() % values.length] as T;

    // Each run asks a different question; every fourth asks for the third page of its answer (the
    // cursor is fetched before the clock starts: a sample is one page).
    type QueueInput = Parameters<typeof caller.alerts.queue>[0];
    const questions: QueueInput[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const narrowing = [
        { severities: [pick(SEVERITIES)] },
        { types: [pick(TYPES)] },
        { symbol: `SYM${random.nextUint32() % SYMBOLS}` },
        { severities: [pick(SEVERITIES)], types: [pick(TYPES)] },
      ][run % 4];
      let input: QueueInput = {
        filter: { statuses: ["open", "under_review", "escalated"], ...narrowing },
        order: pick(["newest", "oldest", "severity"] as const),
        limit: 50,
      };
      for (let deeper = 0; run % 4 === 3 && deeper < 2; deeper++)
        input = { ...input, cursor: (await caller.alerts.queue(input)).nextCursor ?? null };
      questions.push(input);
    }
    const queueSamples = await timed(RUNS, async (run) => {
      const question = questions[run % questions.length] as QueueInput;
      const page = await caller.alerts.queue(question);
      if (page.rows.length === 0) throw new Error(`no alerts for ${JSON.stringify(question)}`);
    });

    log(`queue page p95 ${p95(queueSamples).toFixed(1)} ms`);
    const ids = await handle.sql<{ id: string }[]>`
      select id from surveillance_alerts tablesample system (0.1) limit ${RUNS}`;
    const timelineSamples = await timed(RUNS, async (run) => {
      const detail = await caller.alerts.get({ id: ids[run % ids.length]?.id ?? "" });
      if ((detail.alert.evidence as { timeline: unknown[] }).timeline.length === 0)
        throw new Error("an alert without its timeline");
    });

    const queueP95 = p95(queueSamples);
    const timelineP95 = p95(timelineSamples);
    log(`alert detail p95 ${timelineP95.toFixed(1)} ms`);
    return [
      { name: "surveillance.queue.p95_ms", value: queueP95, unit: "ms", target: 50, better: "lower" },
      { name: "surveillance.timeline.p95_ms", value: timelineP95, unit: "ms", target: 100, better: "lower" },
    ];
  } finally {
    await handle.sql.unsafe(`drop schema if exists "${schema}" cascade`);
    await handle.close();
  }
}
