/**
 * The surveillance stage behind ingest, over the in-memory bus and the real Postgres: stored events
 * become a stored and published alert and a halt; redelivery, a crash before detection and a
 * partition moving give one alert per pattern, never none and never two.
 */
import { randomUUID } from "node:crypto";
import { decodeEvent, TOPICS } from "@nexus/core/events";
import type { ConsumedEvent, SurveillanceAlertEvent } from "@nexus/core/events";
import { EMPTY_REFERENCE_DATA } from "@nexus/core/surveillance";
import type { DetectorSettings, RecordedAlerts } from "@nexus/services/surveillance";
import { loadDetectorSettings, updateDetectorSettings } from "@nexus/services/surveillance";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { InMemoryEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { createMetrics } from "@nexus/platform/metrics";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { messagesByTopic, selfTrade } from "../../test/fixtures/self-trade.js";
import { persistEvents } from "../ingest/persist.js";
import { subscribeIngest } from "../ingest/pipeline.js";
import { createIngestMetrics } from "../metrics/ingest-metrics.js";
import { createSurveillanceMetrics } from "./surveillance-metrics.js";
import { SurveillanceStage } from "./surveillance-stage.js";

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("worker_surveillance_it");
});
afterAll(async () => {
  await handle.close();
});

const logger = createLogger({ name: "surveillance-stage-it", level: "silent" });
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

function newStage(
  bus: InMemoryEventBus,
  metrics = createMetrics(),
  onRecorded?: (recorded: RecordedAlerts) => void,
  settings: DetectorSettings[] = [],
  held: { holdMs: number; maxBacklog: number } = { holdMs: 20, maxBacklog: 10_000 },
) {
  const stage = new SurveillanceStage({
    settings,
    ...(onRecorded === undefined ? {} : { onRecorded }),
    ports: { db: handle.db, bus, now: () => new Date() },
    reference: EMPTY_REFERENCE_DATA,
    ...held,
    rebuildWindowMs: 600_000,
    logger,
    metrics: createSurveillanceMetrics(metrics),
    retryAfterMs: 20,
  });
  stage.start();
  stops.push(() => stage.stop());
  return stage;
}

/** Every message published on a topic, decoded. */
async function collect<T>(bus: InMemoryEventBus, topic: string): Promise<T[]> {
  const seen: T[] = [];
  const consumer = await bus.subscribe({
    groupId: `collect-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    decode: (message) => {
      const decoded = decodeEvent(topic, message.value);
      return decoded.ok ? { ok: true, value: decoded.event as T } : { ok: false, reason: "invalid" };
    },
    handleBatch: async (deliveries) => void seen.push(...deliveries.map((delivery) => delivery.value)),
  });
  stops.push(() => consumer.stop());
  return seen;
}

/** Wires the stage behind an ingest consumer as the worker does; returns the partitions it paused. */
async function ingestInto(bus: InMemoryEventBus, stage: SurveillanceStage) {
  const consumer = await subscribeIngest({
    bus,
    db: handle.db,
    metrics: createIngestMetrics(createMetrics()),
    groupId: `ingest-${randomUUID()}`,
    fromBeginning: true,
    onStored: (fresh, receivedMs) => stage.accept(fresh, receivedMs),
    untilRoom: () => stage.roomForMore(),
    onSettled: (batch) => stage.settled(batch),
  });
  const paused: string[] = [];
  stage.controlFlow({
    pause: (partitions) => {
      paused.push(...partitions.map(({ topic }) => topic));
      consumer.pause(partitions);
    },
    resume: (partitions) => consumer.resume(partitions),
    lag: () => consumer.lag(),
  });
  stops.push(() => consumer.stop());
  return paused;
}

async function publishAll(
  bus: InMemoryEventBus,
  events: ReturnType<typeof selfTrade>["events"],
  order: string[],
) {
  const byTopic = messagesByTopic(events);
  for (const topic of order) await bus.publish(topic, byTopic.get(topic) ?? []);
}

const alertsOf = (userId: string) =>
  handle.sql<{ id: string; alert_type: string; severity: string; update_count: number }[]>`
    select id, alert_type, severity, update_count from ${handle.sql(handle.schema)}.surveillance_alerts
     where user_id = ${userId}`;
/**
 * Makes the database refuse new alert rows (a trigger raising an error) until `lift`: an outage of the
 * store the alerts go to, on the real Postgres.
 */
async function refuseAlertRows(): Promise<{ lift(): Promise<void> }> {
  const schema = handle.sql(handle.schema);
  await handle.sql`create or replace function ${schema}.refuse_alert_rows() returns trigger
    language plpgsql as $$ begin raise exception 'alert rows refused'; end $$`;
  await handle.sql`create trigger refuse_alert_rows before insert on ${schema}.surveillance_alerts
    for each row execute function ${schema}.refuse_alert_rows()`;
  const lift = async () => {
    await handle.sql`drop trigger if exists refuse_alert_rows on ${schema}.surveillance_alerts`;
  };
  stops.push(lift);
  return { lift };
}

const haltsOf = (userId: string) =>
  handle.sql<{ id: string; scope: string; symbol: string }[]>`
    select id, scope, symbol from ${handle.sql(handle.schema)}.trading_halts where user_id = ${userId}`;

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("surveillance stage", () => {
  it("turns a wash trade into one stored and published alert and a halt, whichever topic arrives first", async () => {
    const bus = new InMemoryEventBus({ retryBackoffMs: 10 });
    let haltsRaised = 0;
    const stage = newStage(bus, createMetrics(), (recorded) => (haltsRaised += recorded.halts.length));
    await ingestInto(bus, stage);
    const alerts = await collect<SurveillanceAlertEvent>(bus, TOPICS.surveillanceAlerts);
    const wash = selfTrade({ symbol: "WASH1", at: "2026-11-24T14:30:00.000Z" });

    await publishAll(bus, wash.events, [TOPICS.tradesExecuted, TOPICS.ordersCreated]);
    const [row] = await until(
      async () => ((await alertsOf(wash.userId)).length > 0 ? alertsOf(wash.userId) : undefined),
      "the alert row",
    );
    expect(row).toMatchObject({ alert_type: "wash_trading", severity: "critical", update_count: 0 });
    const [halt] = await until(
      async () => ((await haltsOf(wash.userId)).length > 0 ? haltsOf(wash.userId) : undefined),
      "the halt",
    );
    expect(halt).toMatchObject({ scope: "user_symbol", symbol: "WASH1" });
    await until(async () => (alerts.length > 0 ? true : undefined), "the published messages");
    expect(alerts).toEqual([
      expect.objectContaining({ alert_id: row?.id, user_id: wash.userId, symbol: "WASH1" }),
    ]);
    expect(haltsRaised).toBe(1);

    // The same events delivered again: already stored, so the engine never sees them twice.
    await publishAll(bus, wash.events, [TOPICS.ordersCreated, TOPICS.tradesExecuted]);
    await stage.settle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stage.settle();
    expect(await alertsOf(wash.userId)).toHaveLength(1);
    expect(alerts).toHaveLength(1);
    expect(await haltsOf(wash.userId)).toHaveLength(1);
    expect(haltsRaised).toBe(1);
  });

  it("drains a backlog whose trades run ahead of its orders in event-time order: every wash trade found, none late", async () => {
    // Batches of two: the trades topic (one message per pair of orders) is read twice as far in
    // event time per batch as the orders topic, as a sparse topic is per fetch in Kafka. No hold at
    // all: only how far each partition has been read keeps the fills behind their orders.
    const bus = new InMemoryEventBus({ retryBackoffMs: 10, maxBatchSize: 2 });
    const metrics = createMetrics();
    const stage = newStage(bus, metrics, undefined, [], { holdMs: 0, maxBacklog: 10_000 });
    const startMs = Date.parse("2026-11-24T19:00:00.000Z");
    const washes = Array.from({ length: 8 }, (_, index) =>
      selfTrade({ symbol: "DRAIN1", at: new Date(startMs + index * 2_000).toISOString() }),
    );
    await publishAll(
      bus,
      washes.flatMap((wash) => wash.events),
      [TOPICS.ordersCreated, TOPICS.tradesExecuted],
    );
    const paused = await ingestInto(bus, stage);
    for (const wash of washes)
      await until(
        async () => ((await alertsOf(wash.userId)).length === 1 ? true : undefined),
        `the alert of ${wash.userId}`,
      );
    await stage.settle();
    expect((await metrics.render()).body).toContain("nexus_surveillance_late_events_total 0");
    // The trades were read more than a second ahead of the orders: paused while the orders caught up.
    expect(paused).toContain(TOPICS.tradesExecuted);
  });

  it("releases nothing while a partition the consumer reports with a backlog is unread, and ignores quotes", async () => {
    const bus = new InMemoryEventBus();
    const metrics = createMetrics();
    const stage = newStage(bus, metrics);
    const processed = async () =>
      /nexus_surveillance_events_total (\d+)/.exec((await metrics.render()).body)?.[1];
    const flow = { pause: () => undefined, resume: () => undefined, lag: () => Promise.resolve(backlog) };
    const backlog = [
      { topic: TOPICS.ordersCreated, partition: 0, committedOffset: "0", endOffset: "2", lag: 2 },
      { topic: TOPICS.marketdataQuotes, partition: 0, committedOffset: "0", endOffset: "9", lag: 9 },
      { topic: TOPICS.tradesExecuted, partition: 0, committedOffset: "1", endOffset: "1", lag: 0 },
    ];
    stage.controlFlow(flow);
    const [sell, buy, trade] = selfTrade({ symbol: "WAIT1", at: "2026-11-24T20:00:00.000Z" }).events;
    if (sell === undefined || buy === undefined || trade === undefined) throw new Error("fixture");
    stage.accept((await persistEvents(handle.db, [trade])).fresh);
    stage.settled({ topic: TOPICS.tradesExecuted, partition: 0, values: [trade], caughtUp: true });
    // Quotes are not merged: a quotes partition behind holds nothing back.
    stage.settled({ topic: TOPICS.marketdataQuotes, partition: 0, values: [], caughtUp: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await processed()).toBe("0");
    stage.accept((await persistEvents(handle.db, [sell, buy])).fresh);
    stage.settled({ topic: TOPICS.ordersCreated, partition: 0, values: [sell, buy], caughtUp: true });
    await until(async () => ((await processed()) === "3" ? true : undefined), "the three events");
    expect((await metrics.render()).body).toContain("nexus_surveillance_late_events_total 0");
  });

  it("goes on by the hold alone when the consumer cannot tell its lag, and heeds only the latest assignment", async () => {
    const bus = new InMemoryEventBus();
    const metrics = createMetrics();
    const stage = newStage(bus, metrics);
    let answerFirst: (lags: []) => void = () => undefined;
    const answers = [
      new Promise<[]>((resolve) => (answerFirst = resolve)),
      Promise.reject(new Error("coordinator unreachable")),
    ];
    stage.controlFlow({
      pause: () => undefined,
      resume: () => undefined,
      lag: () => answers.shift() ?? Promise.resolve([]),
    });
    stage.reassigned();
    // The first assignment's late answer changes nothing.
    answerFirst([]);
    const wash = selfTrade({ symbol: "WAIT2", at: "2026-11-24T20:05:00.000Z" });
    stage.accept((await persistEvents(handle.db, wash.events)).fresh);
    await until(
      async () => ((await alertsOf(wash.userId)).length === 1 ? true : undefined),
      "the alert released by the hold",
    );
  });

  it("makes the ingest wait while it holds maxBacklog events, and lets it go once the engine has caught up or it stops", async () => {
    const bus = new InMemoryEventBus();
    // A minute's hold keeps every event held until settle(): the backlog stays at what was accepted.
    const stage = newStage(bus, createMetrics(), undefined, [], { holdMs: 60_000, maxBacklog: 3 });
    const pending = (room: Promise<void>) =>
      Promise.race([room.then(() => "room"), new Promise((resolve) => setTimeout(resolve, 50, "waiting"))]);
    const wash = selfTrade({ symbol: "ROOM1", at: "2026-11-24T16:00:00.000Z" });
    stage.accept((await persistEvents(handle.db, wash.events.slice(0, 2))).fresh);
    expect(await pending(stage.roomForMore())).toBe("room");
    stage.accept((await persistEvents(handle.db, wash.events.slice(2))).fresh);
    const room = stage.roomForMore();
    expect(await pending(room)).toBe("waiting");
    await stage.settle();
    expect(await pending(room)).toBe("room");

    const stopping = newStage(bus, createMetrics(), undefined, [], { holdMs: 60_000, maxBacklog: 1 });
    const other = selfTrade({ symbol: "ROOM2", at: "2026-11-24T16:00:00.000Z" });
    stopping.accept((await persistEvents(handle.db, other.events)).fresh);
    const untilStop = stopping.roomForMore();
    expect(await pending(untilStop)).toBe("waiting");
    await stopping.stop();
    expect(await pending(untilStop)).toBe("room");
  });

  it("holds events from their batch's arrival: time spent storing them counts towards the hold", async () => {
    const metrics = createMetrics();
    const stage = newStage(new InMemoryEventBus(), metrics, undefined, [], {
      holdMs: 2_000,
      maxBacklog: 10_000,
    });
    const processed = async () =>
      Number(/nexus_surveillance_events_total (\d+)/.exec((await metrics.render()).body)?.[1]);
    const early = selfTrade({ symbol: "HOLD1", at: "2026-11-24T16:20:00.000Z" });
    const late = selfTrade({ symbol: "HOLD2", at: "2026-11-24T16:21:00.000Z" });
    const receivedMs = performance.now();
    // Stored while 1.9 s of the hold went by: the events wait what is left of it, not another 2 s.
    const storedEarly = (await persistEvents(handle.db, early.events)).fresh;
    stage.accept(storedEarly, receivedMs - 1_900);
    stage.accept((await persistEvents(handle.db, late.events)).fresh);
    await until(async () => ((await processed()) === 3 ? true : undefined), "the early batch");
    expect(performance.now() - receivedMs).toBeLessThan(1_500);
    await until(async () => ((await processed()) === 6 ? true : undefined), "the late batch");
    expect(performance.now() - receivedMs).toBeGreaterThanOrEqual(2_000);
  });

  it("counts on /metrics the events that arrive after a later one was released (a hold shorter than the skew)", async () => {
    const bus = new InMemoryEventBus();
    const metrics = createMetrics();
    const stage = newStage(bus, metrics);
    const [sell, buy, trade] = selfTrade({ symbol: "LATE1", at: "2026-11-24T16:30:00.000Z" }).events;
    if (sell === undefined || buy === undefined || trade === undefined) throw new Error("fixture");
    stage.accept((await persistEvents(handle.db, [trade])).fresh);
    await stage.settle();
    // The sell 5 ms before the released trade is late; the buy at the trade's own instant is not.
    stage.accept((await persistEvents(handle.db, [sell, buy])).fresh);
    await stage.settle();
    expect((await metrics.render()).body).toContain("nexus_surveillance_late_events_total 1");
  });

  it("finds the pattern of events stored before a crash (never seen by the engine) once the symbol trades again", async () => {
    const bus = new InMemoryEventBus({ retryBackoffMs: 10 });
    const wash = selfTrade({ symbol: "WASH2", at: "2026-11-24T15:00:00.000Z" });
    // Stored by the ingest of a worker that crashed before its surveillance stage ran.
    await persistEvents(handle.db, wash.events);

    const stage = newStage(bus);
    const later = selfTrade({ symbol: "WASH2", at: "2026-11-24T15:01:00.000Z", userId: randomUUID() });
    const fresh = (await persistEvents(handle.db, later.events)).fresh;
    stage.accept(fresh);
    await stage.settle();
    expect(await alertsOf(wash.userId)).toHaveLength(1);
    expect(await alertsOf(later.userId)).toHaveLength(1);

    // The partition moves away and back: the symbol is rebuilt from the store, and the alerts it
    // raises again are the ones stored (same ids), not new rows.
    stage.reassigned();
    const third = selfTrade({ symbol: "WASH2", at: "2026-11-24T15:02:00.000Z" });
    stage.accept((await persistEvents(handle.db, third.events)).fresh);
    await stage.settle();
    expect(await alertsOf(wash.userId)).toHaveLength(1);
    expect(await alertsOf(later.userId)).toHaveLength(1);
    expect(await alertsOf(third.userId)).toHaveLength(1);
  });

  it("keeps alerts it could not store and stores them once the database takes them", async () => {
    const bus = new InMemoryEventBus({ retryBackoffMs: 10 });
    const metrics = createMetrics();
    const stage = newStage(bus, metrics);
    const wash = selfTrade({ symbol: "WASH3", at: "2026-11-24T16:00:00.000Z" });
    const refused = await refuseAlertRows();
    stage.accept((await persistEvents(handle.db, wash.events)).fresh as ConsumedEvent[]);
    await until(
      async () =>
        (await metrics.render()).body.includes("nexus_surveillance_failed_rounds_total 1") ? true : undefined,
      "a failed round",
    );
    expect(await alertsOf(wash.userId)).toEqual([]);
    await refused.lift();
    await until(
      async () => ((await alertsOf(wash.userId)).length === 1 ? true : undefined),
      "the alert after recovery",
    );
    await stage.settle();
    expect(await alertsOf(wash.userId)).toHaveLength(1);
  });

  it("stops retrying alerts it could not store once stopped", async () => {
    const bus = new InMemoryEventBus();
    const metrics = createMetrics();
    const stage = newStage(bus, metrics);
    await refuseAlertRows();
    const failedRounds = async () =>
      Number(/nexus_surveillance_failed_rounds_total (\d+)/.exec((await metrics.render()).body)?.[1] ?? 0);
    const wash = selfTrade({ symbol: "WASH4", at: "2026-11-24T16:50:00.000Z" });
    stage.accept((await persistEvents(handle.db, wash.events)).fresh);
    await until(async () => ((await failedRounds()) >= 2 ? true : undefined), "a retried recording");
    await stage.stop();
    const atStop = await failedRounds();
    // Retried every 20 ms while running: five pauses and no attempt.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await failedRounds()).toBe(atStop);
  });

  it("stores an alert while the bus is down, its message kept to publish, and goes on", async () => {
    const bus = new InMemoryEventBus({ retryBackoffMs: 10 });
    const metrics = createMetrics();
    const stage = newStage(bus, metrics);
    const alerts = await collect<SurveillanceAlertEvent>(bus, TOPICS.surveillanceAlerts);
    const publish = bus.publish.bind(bus);
    bus.publish = async (topic, messages) => {
      if (topic === TOPICS.surveillanceAlerts) throw new Error("broker unreachable");
      return publish(topic, messages);
    };
    const wash = selfTrade({ symbol: "WASH5", at: "2026-11-24T16:20:00.000Z" });
    stage.accept((await persistEvents(handle.db, wash.events)).fresh);
    const [row] = await until(
      async () => ((await alertsOf(wash.userId)).length > 0 ? alertsOf(wash.userId) : undefined),
      "the alert row",
    );
    await stage.settle();
    const [waiting] = await handle.sql<{ message: string | null }[]>`
      select unpublished_message as message from ${handle.sql(handle.schema)}.surveillance_alerts
       where id = ${row?.id ?? ""}`;
    expect(JSON.parse(waiting?.message ?? "null")).toMatchObject({ alert_id: row?.id, symbol: "WASH5" });
    expect(alerts).toEqual([]);
    expect((await metrics.render()).body).toContain("nexus_surveillance_failed_rounds_total 0");
  });

  it("goes on feeding the engine while the alerts it raised are being published", async () => {
    const bus = new InMemoryEventBus();
    const metrics = createMetrics();
    const stage = newStage(bus, metrics);
    const alerts = await collect<SurveillanceAlertEvent>(bus, TOPICS.surveillanceAlerts);
    const processed = async () =>
      Number(/nexus_surveillance_events_total (\d+)/.exec((await metrics.render()).body)?.[1]);
    const publish = bus.publish.bind(bus);
    let answer: () => void = () => undefined;
    const slowBroker = new Promise<void>((resolve) => (answer = resolve));
    bus.publish = async (topic, messages) => {
      if (topic === TOPICS.surveillanceAlerts) await slowBroker;
      return publish(topic, messages);
    };
    stops.push(async () => answer());
    const first = selfTrade({ symbol: "REC1", at: "2026-11-24T16:40:00.000Z" });
    stage.accept((await persistEvents(handle.db, first.events)).fresh);
    await until(async () => ((await processed()) === 3 ? true : undefined), "the first wash trade");
    const second = selfTrade({ symbol: "REC2", at: "2026-11-24T16:41:00.000Z" });
    stage.accept((await persistEvents(handle.db, second.events)).fresh);
    await until(async () => ((await processed()) === 6 ? true : undefined), "the next events");
    // Stored before it is published: in the compliance queue while the broker has not answered.
    expect(await alertsOf(first.userId)).toHaveLength(1);
    expect(alerts).toEqual([]);
    answer();
    await stage.settle();
    await until(async () => (alerts.length === 2 ? true : undefined), "both messages");
    expect(await alertsOf(second.userId)).toHaveLength(1);
  });

  it("applies new reference data: two accounts of one beneficial owner trading together is a wash trade", async () => {
    const bus = new InMemoryEventBus({ retryBackoffMs: 10 });
    const stage = newStage(bus);
    const ownedTrade = (at: string) => {
      const wash = selfTrade({ symbol: "WASH4", at });
      const seller = randomUUID();
      const accounts = { sell: `acct-${seller}`, buy: `acct-${wash.userId}` };
      const events = wash.events.map((event) => {
        if (event.event_type === "trade.executed")
          return {
            ...event,
            sell_user_id: seller,
            sell_account_id: accounts.sell,
            buy_account_id: accounts.buy,
          };
        return event.side === "sell"
          ? { ...event, user_id: seller, account_id: accounts.sell }
          : { ...event, account_id: accounts.buy };
      });
      return { buyer: wash.userId, events, accounts };
    };
    const before = ownedTrade("2026-11-24T17:00:00.000Z");
    stage.accept((await persistEvents(handle.db, before.events)).fresh);
    await stage.settle();
    expect(await alertsOf(before.buyer)).toEqual([]);

    const after = ownedTrade("2026-11-24T17:05:00.000Z");
    stage.useReference({
      ...EMPTY_REFERENCE_DATA,
      beneficialOwners: { [after.accounts.sell]: "owner-9", [after.accounts.buy]: "owner-9" },
    });
    stage.accept((await persistEvents(handle.db, after.events)).fresh);
    await stage.settle();
    expect((await alertsOf(after.buyer)).map((alert) => alert.alert_type)).toEqual(["wash_trading"]);
  });

  it("raises nothing for a disabled detector or below its severity floor, and records the settings' version", async () => {
    const bus = new InMemoryEventBus({ retryBackoffMs: 10 });
    const admin = {
      db: handle.db,
      actor: { actorType: "user" as const, actorId: randomUUID(), ip: null },
      now: new Date(),
    };
    await updateDetectorSettings(admin, { type: "wash_trading", enabled: false });
    const stage = newStage(bus, createMetrics(), undefined, await loadDetectorSettings(handle.db));
    const muted = selfTrade({ symbol: "WASH5", at: "2026-11-24T18:00:00.000Z" });
    stage.accept((await persistEvents(handle.db, muted.events)).fresh);
    await stage.settle();
    expect(await alertsOf(muted.userId)).toEqual([]);

    // Enabled again, but a critical-only floor still lets the self-trade (critical) through.
    await updateDetectorSettings(admin, { type: "wash_trading", enabled: true, severityFloor: "critical" });
    stage.useDetectorSettings(await loadDetectorSettings(handle.db));
    const raised = selfTrade({ symbol: "WASH5", at: "2026-11-24T18:05:00.000Z" });
    stage.accept((await persistEvents(handle.db, raised.events)).fresh);
    await stage.settle();
    const [row] = await handle.sql<{ detector_version: number }[]>`
      select detector_version from ${handle.sql(handle.schema)}.surveillance_alerts where user_id = ${raised.userId}`;
    expect(row?.detector_version).toBe(2);
    await updateDetectorSettings(admin, { type: "wash_trading", severityFloor: "low" });
  });
});
