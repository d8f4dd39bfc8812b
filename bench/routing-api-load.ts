/**
 * The load of bench/routing-api.bench.ts, run as a process of its own so that the client's work does not
 * share the server's event loop: CONCURRENCY loops each POST `routing.route` over tRPC HTTP (superjson
 * body, API key), back to back for DURATION_MS, after a warm-up. Prints one JSON line: warm-up requests,
 * requests, errors, elapsed ms and every latency in ms.
 *
 * node:http with a keep-alive agent (one connection per loop), not fetch: on a two-core machine the load
 * shares the cores with the server, Postgres, Redis and Kafka, and fetch (undici) cost about 1.9 ms of CPU
 * per request against 0.45 ms for node:http, so the client itself held the figure down (as wrk or
 * autocannon, a load generator should cost little next to what it measures).
 *
 * argv: url apiKey durationMs concurrency warmupMs
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";

const [url = "", apiKey = "", durationArg = "10000", concurrencyArg = "16", warmupArg = "2000"] =
  process.argv.slice(2);
const durationMs = Number(durationArg);
const concurrency = Number(concurrencyArg);
const warmupMs = Number(warmupArg);
const userId = randomUUID();

const body = () =>
  JSON.stringify({
    json: {
      orderId: randomUUID(),
      userId,
      symbol: "AAPL",
      side: "buy",
      quantity: "100",
      limitPrice: null,
      strategy: "best_price",
    },
  });

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(`${url}/routing.route`);

/** One call; true when answered 200 (the body is read to its end and dropped). */
function once(): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const payload = body();
    const call = request(
      target,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (response) => {
        response.on("data", () => undefined);
        response.on("end", () => resolve(response.statusCode === 200));
        response.on("error", reject);
      },
    );
    call.on("error", reject);
    call.end(payload);
  });
}

async function loop(until: number, latencies: number[], counts: { errors: number }) {
  while (performance.now() < until) {
    const start = performance.now();
    const ok = await once().catch(() => false);
    latencies.push(performance.now() - start);
    if (!ok) counts.errors += 1;
  }
}

const warm = { errors: 0 };
const warmLatencies: number[] = [];
await Promise.all(
  Array.from({ length: concurrency }, () => loop(performance.now() + warmupMs, warmLatencies, warm)),
);
const latencies: number[] = [];
const counts = { errors: 0 };
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, () => loop(started + durationMs, latencies, counts)));
const elapsedMs = performance.now() - started;
agent.destroy();
console.log(
  JSON.stringify({
    warmupRequests: warmLatencies.length,
    requests: latencies.length,
    errors: counts.errors,
    elapsedMs,
    latencies,
  }),
);
