/**
 * The steady flow of bench/surveillance-pipeline.bench.ts, run as a process of its own: as in production,
 * the producers are other processes, and the simulator's and kafkajs's encoding work must not share the
 * worker's event loop, whose turns are the alert latency being measured (as bench/routing-api-load.ts
 * for the routing API).
 *
 * Once its bars are parsed, it prints `{"startMs": …}` (the first event's
 * time, the wall clock at that moment), then sends each event once its time has come, for durationMs,
 * in requests of at most PRODUCE_CHUNK events, and prints `{"produced": …}` before it exits.
 *
 * argv: brokers seed eventsPerSecond durationMs
 */
import { createLogger } from "@nexus/platform/logger";
import { KafkaEventBus } from "@nexus/platform/bus";
import { createMarketSimulator, loadSampleBars } from "@nexus/sim";
import { toTopicMessages } from "../apps/worker/src/sim-feed.js";

const PRODUCE_CHUNK = 2_000;

const [brokersArg = "", seedArg = "12", rateArg = "2000", durationArg = "35000"] = process.argv.slice(2);
const bars = loadSampleBars().bars;
const bus = new KafkaEventBus({
  brokers: brokersArg.split(","),
  clientId: "bench-pipeline-steady-load",
  logger: createLogger({ name: "bench-pipeline-steady-load", level: "warn" }),
});
const startMs = Date.now();
const steady = createMarketSimulator({
  bars,
  seed: Number(seedArg),
  startTime: startMs,
  eventsPerSecond: Number(rateArg),
  manipulation: { intensity: 3 },
});
process.stdout.write(`${JSON.stringify({ startMs })}\n`);

const endAt = startMs + Number(durationArg);
let produced = 0;
let next = steady.next();
while (Date.now() < endAt) {
  const due = [];
  while (Date.parse(next.occurred_at) <= Date.now()) {
    due.push(next);
    next = steady.next();
  }
  // In requests of at most PRODUCE_CHUNK events: on a loaded machine a late loop turn finds seconds of
  // flow due, more than the broker takes in one request.
  for (let start = 0; start < due.length; start += PRODUCE_CHUNK)
    await Promise.all(
      [...toTopicMessages(due.slice(start, start + PRODUCE_CHUNK))].map(([topic, messages]) =>
        bus.publish(topic, messages),
      ),
    );
  produced += due.length;
  // Until the next event is due: its wait before it is sent is counted in its alert's latency.
  await new Promise((resolve) => setTimeout(resolve, Math.max(1, Date.parse(next.occurred_at) - Date.now())));
}
await bus.close();
process.stdout.write(`${JSON.stringify({ produced })}\n`);
