import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOrdersClient } from "./orders-client";
import { ServiceHttpError, ServiceResponseError, ServiceUnavailableError } from "./service-client";

let server: Server;
let baseUrl: string;
let asked: string[] = [];
/** What the stand-in answers: a status and a body. */
let answer: { status: number; body: unknown };

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req.url ?? "");
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  asked = [];
});

/** Fast retries and a breaker that opens after two failed calls, so the test does not wait on backoff. */
const quickClient = () =>
  createOrdersClient({
    baseUrl,
    retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
    breaker: { consecutiveFailures: 4, halfOpenAfterMs: 60_000 },
  });

describe("createOrdersClient", () => {
  it("reads a user's positions as decimal strings, a short as a negative quantity", async () => {
    answer = {
      status: 200,
      body: {
        positions: [
          { symbol: "AAPL", quantity: "-100", average_cost: "157.48", realized_pnl: "12.50" },
          { symbol: "BRK.B", quantity: "3.5", average_cost: "410" },
        ],
      },
    };
    const positions = await createOrdersClient({ baseUrl }).positions("user 7");
    expect(asked).toEqual(["/orders/users/user%207/positions"]);
    expect(positions).toEqual([
      { symbol: "AAPL", quantity: "-100", average_cost: "157.48", realized_pnl: "12.50" },
      { symbol: "BRK.B", quantity: "3.5", average_cost: "410", realized_pnl: "0" },
    ]);
  });

  it("refuses a quantity that is not a decimal string, naming the field", async () => {
    answer = { status: 200, body: { positions: [{ symbol: "AAPL", quantity: 100, average_cost: "1" }] } };
    const client = createOrdersClient({ baseUrl });
    const error = await client.positions("u1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceResponseError);
    expect((error as Error).message).toContain("positions.0.quantity");
    expect(client.state()).toBe("closed");
  });

  it("refuses an answer that lists a symbol twice", async () => {
    const aapl = { symbol: "AAPL", quantity: "1", average_cost: "1" };
    answer = { status: 200, body: { positions: [aapl, { ...aapl, quantity: "2" }] } };
    const error = await createOrdersClient({ baseUrl })
      .positions("u1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceResponseError);
    expect((error as Error).message).toContain("positions: a symbol is listed more than once");
  });

  it("retries a 5xx, then fails fast with ServiceUnavailable once the breaker opens", async () => {
    answer = { status: 503, body: { error: "down" } };
    const client = quickClient();
    const first = await client.positions("u1").catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ServiceHttpError);
    expect((first as ServiceHttpError).status).toBe(503);
    expect(asked).toHaveLength(2);
    await client.positions("u1").catch(() => undefined);
    expect(client.state()).toBe("open");
    asked = [];
    const fast = await client.positions("u1").catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(ServiceUnavailableError);
    expect((fast as Error).message).toContain("orders");
    expect(asked).toEqual([]);
  });
});
