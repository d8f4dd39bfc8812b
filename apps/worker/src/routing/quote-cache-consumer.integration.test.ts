/**
 * marketdata.quotes -> the quote cache -> the router's NBBO, on the real Kafka and Redis: a new quote is
 * in the NBBO the routing service computes as soon as the worker has consumed it.
 */
import { randomUUID } from "node:crypto";
import { TOPICS, encodeEvent, type QuoteEvent } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { insertVenueConfiguration } from "@nexus/db/queries/routing";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { KafkaEventBus, type Consumer } from "@nexus/platform/bus";
import { RedisCache } from "@nexus/platform/cache";
import { RoutingService, createPaperVenueGateway, readQuotes } from "@nexus/services/routing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscribeQuoteCache } from "./quote-cache-consumer.js";

const run = randomUUID().slice(0, 8);
// A symbol of this run only: the topic is shared with every other test and the demo.
const symbol = `Q${run.slice(0, 6).toUpperCase()}`;

let db: TestSchema;
let cache: RedisCache;
let bus: KafkaEventBus;
let consumer: Consumer;

beforeAll(async () => {
  db = await createTestDatabase("worker_routing_quotes");
  cache = new RedisCache({ url: "redis://127.0.0.1:6379", keyPrefix: `it-quotes-${run}:` });
  bus = new KafkaEventBus({
    brokers: ["127.0.0.1:9092"],
    clientId: `it-quotes-${run}`,
    logger: pino({ level: "silent" }),
  });
  await bus.ensureTopics([TOPICS.marketdataQuotes], 3);
  consumer = await subscribeQuoteCache({ bus, cache, groupId: `it-quotes-${run}` });
  for (const venueId of ["XNYS", "XNAS"]) {
    await insertVenueConfiguration(db.db, {
      venueId,
      name: venueId,
      venueType: "exchange",
      makerFee: new Decimal("-0.002"),
      takerFee: new Decimal("0.003"),
      expectedLatencyMs: 1,
    });
  }
}, 60_000);

afterAll(async () => {
  await consumer.stop();
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), bus.close(), db.close()]);
});

const quote = (venueId: string, bid: string, ask: string): QuoteEvent => ({
  event_id: randomUUID(),
  event_type: "quote",
  occurred_at: new Date().toISOString(),
  venue_id: venueId,
  symbol,
  bid_price: bid,
  bid_size: "200",
  ask_price: ask,
  ask_size: "300",
});

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("quote cache consumer", () => {
  it("caches each quote as it arrives, passing over a message that does not decode", async () => {
    const routing = new RoutingService({
      db: db.db,
      bus,
      cache,
      gateway: createPaperVenueGateway(cache),
      quoteTtlMs: 999,
    });
    // The group joins at the end of the topic: wait until it holds partitions before publishing.
    await eventually("the consumer to join", async () => (await consumer.lag()).length > 0);
    await bus.publish(TOPICS.marketdataQuotes, [
      { key: symbol, value: "not json" },
      { key: symbol, value: encodeEvent(quote("XNYS", "10.00", "10.02")) },
      { key: symbol, value: encodeEvent(quote("XNAS", "10.01", "10.03")) },
    ]);
    await eventually(
      "both quotes cached",
      async () => (await readQuotes(cache, symbol, ["XNYS", "XNAS"])).length === 2,
    );
    const nbbo = await routing.nbbo(symbol);
    expect(nbbo.bid).toMatchObject({ price: "10.01", venueIds: ["XNAS"] });
    expect(nbbo.ask).toMatchObject({ price: "10.02", venueIds: ["XNYS"] });

    await bus.publish(TOPICS.marketdataQuotes, [
      { key: symbol, value: encodeEvent(quote("XNAS", "10.00", "10.01")) },
    ]);
    await eventually(
      "the NBBO to show the new offer",
      async () => (await routing.nbbo(symbol)).ask?.price === "10.01",
    );
  });
});
