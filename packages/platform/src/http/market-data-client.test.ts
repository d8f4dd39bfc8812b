import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMarketDataClient } from "./market-data-client";
import { ServiceResponseError } from "./service-client";

let server: Server;
let baseUrl: string;
let asked: string[][] = [];
/** The one bar the stand-in answers for each symbol it knows (all but NOPE). */
let bar: unknown = { date: "2017-08-11", close: "157.48", volume: "26257096" };

beforeAll(async () => {
  server = createServer((req, res) => {
    const symbols = new URL(req.url ?? "/", "http://x").searchParams.get("symbols")?.split(",") ?? [];
    asked.push(symbols);
    const known = symbols.filter((symbol) => symbol !== "NOPE");
    const bars = Object.fromEntries(known.map((symbol) => [symbol, [bar]]));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ bars }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/md`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createMarketDataClient", () => {
  it("asks for daily bars 50 symbols a request and leaves out the symbols the service does not know", async () => {
    asked = [];
    const symbols = [...Array.from({ length: 60 }, (_, i) => `S${i}`), "NOPE"];
    const bars = await createMarketDataClient({ baseUrl }).dailyBars(symbols);
    expect(asked.map((chunk) => chunk.length)).toEqual([50, 11]);
    expect(bars.size).toBe(60);
    expect(bars.get("S0")).toEqual([{ date: "2017-08-11", close: "157.48", volume: "26257096" }]);
    expect(bars.has("NOPE")).toBe(false);
  });

  it("refuses a close that is not a decimal string, naming the field", async () => {
    bar = { date: "2017-08-11", close: 157.48 };
    const client = createMarketDataClient({ baseUrl });
    const error = await client.dailyBars(["AAPL"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceResponseError);
    expect((error as Error).message).toContain("bars.AAPL.0.close");
    expect(client.state()).toBe("closed");
  });
});
