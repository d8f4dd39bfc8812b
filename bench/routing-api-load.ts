/**
 * The load of bench/routing-api.bench.ts, run as a process of its own so that the client's work does not
 * share the server's event loop: CONCURRENCY loops each POST `routing.route` over tRPC HTTP (superjson
 * body, API key), back to back for DURATION_MS, after a warm-up. Prints one JSON line: warm-up requests,
 * requests, errors, elapsed ms and every latency in ms.
 *
 * argv: url apiKey durationMs concurrency warmupMs
 */
import { randomUUID } from "node:crypto";

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

async function once(): Promise<boolean> {
  const response = await fetch(`${url}/routing.route`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: body(),
  });
  await response.arrayBuffer();
  return response.status === 200;
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
console.log(
  JSON.stringify({
    warmupRequests: warmLatencies.length,
    requests: latencies.length,
    errors: counts.errors,
    elapsedMs,
    latencies,
  }),
);
