/**
 * The lean handler against tRPC's own node-http adapter: the same router, context and requests sent to
 * both, and every answer's status, headers and body held to the adapter's. The routing service is a
 * stand-in (what it answers is beside the point here; the service API's integration test routes for real).
 */
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RoutingInputError } from "@nexus/core/routing";
import type { Database } from "@nexus/db/client";
import { MemoryRateLimiter } from "@nexus/platform/rate-limit";
import type { RoutingService } from "@nexus/services/routing";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Principal } from "../auth/roles";
import { appRouter } from "../root";
import { createTRPCContext, type Context } from "../trpc";
import { createTrpcNodeHandler } from "./trpc-node-handler";

const BASE = "/api/trpc/";
const MAX_BODY = 4096;

const routing = {
  nbbo: (symbol: string) =>
    Promise.resolve({ symbol, condition: "empty", staleVenueIds: [], asOf: 1_700_000_000_000 }),
  route: (input: { orderId: string; symbol: string; quantity: string }) => {
    if (input.quantity === "13") {
      return Promise.reject(new RoutingInputError("order", [{ field: "quantity", message: "unlucky" }]));
    }
    return Promise.resolve({
      kind: "halted",
      decisionId: "d-1",
      orderId: input.orderId,
      symbol: input.symbol,
      haltId: "h-1",
      haltScope: "symbol",
      reason: "halted for the test",
    });
  },
} as unknown as RoutingService;

const principals: Record<string, Principal> = {
  route: {
    kind: "service",
    apiKey: { id: "k-1", name: "orders", prefix: "nx_test", scopes: ["routing:route"] },
  },
  reports: {
    kind: "service",
    apiKey: { id: "k-2", name: "reports", prefix: "nx_rep", scopes: ["reports:read"] },
  },
};

/** The caller the test names in x-test-caller; "broken" fails the context itself. */
async function contextFor(req: IncomingMessage): Promise<Context> {
  const caller = req.headers["x-test-caller"];
  if (caller === "broken") throw new Error("the context could not be made");
  // A context that takes its time (a key looked up in the database): the caller may be gone meanwhile.
  if (caller === "slow") await new Promise((resolve) => setTimeout(resolve, 100));
  const resHeaders = new Headers();
  if (req.headers["x-test-cookies"] !== undefined) {
    resHeaders.append("set-cookie", "a=1; Path=/");
    resHeaders.append("set-cookie", "b=2; Path=/");
    resHeaders.append("retry-after", "7");
  }
  const ctx = await createTRPCContext({
    db: {} as Database,
    rateLimiter: new MemoryRateLimiter(),
    trustedProxyCount: 0,
    routing,
    headers: new Headers(),
    resHeaders,
    credentials: "api-key",
    clock: () => new Date("2026-12-07T12:00:00Z"),
  });
  return { ...ctx, principal: typeof caller === "string" ? (principals[caller] ?? null) : null };
}

const errors: { lean: string[]; adapter: string[] } = { lean: [], adapter: [] };
let lean: Server;
let adapter: Server;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}
const ports = { lean: 0, adapter: 0 };

beforeAll(async () => {
  lean = createServer(
    createTrpcNodeHandler({
      router: appRouter,
      basePath: BASE,
      maxBodySize: MAX_BODY,
      createContext: contextFor,
      onError: ({ error, path }) => errors.lean.push(`${path ?? "-"} ${error.code}`),
    }),
  );
  adapter = createServer(
    createHTTPHandler({
      router: appRouter,
      basePath: BASE,
      maxBodySize: MAX_BODY,
      createContext: ({ req }) => contextFor(req),
      responseMeta: ({ ctx }) => ({ headers: ctx?.resHeaders }),
      onError: ({ error, path }) => errors.adapter.push(`${path ?? "-"} ${error.code}`),
    }),
  );
  ports.lean = await listen(lean);
  ports.adapter = await listen(adapter);
});

afterAll(async () => {
  await Promise.all([lean, adapter].map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Call {
  method: "GET" | "POST" | "PUT";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, call: Call): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method: call.method, path: call.path, headers: call.headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(call.body);
  });
}

/** The body with the stack traces of development error shapes left out: the two call paths differ there. */
function withoutStacks(body: string): unknown {
  try {
    return JSON.parse(body, (key, value: unknown) => (key === "stack" ? undefined : value));
  } catch {
    // Not one JSON document (empty, or streamed as JSON lines): compared as it is.
    return body;
  }
}

const json = { "content-type": "application/json" };
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const order = (quantity: string) => ({
  json: {
    orderId: "5b0f4f60-8a3b-4c0e-9d0e-6f1d3b2a1c00",
    userId: "5b0f4f60-8a3b-4c0e-9d0e-6f1d3b2a1c01",
    symbol: "AAPL",
    side: "buy",
    quantity,
    limitPrice: null,
    strategy: "best_price",
  },
});

/** Sends the call to both servers and holds the lean answer to the adapter's; returns the lean one. */
async function same(call: Call): Promise<Answer> {
  errors.lean.length = 0;
  errors.adapter.length = 0;
  const [mine, theirs] = await Promise.all([send(ports.lean, call), send(ports.adapter, call)]);
  expect(mine.status).toBe(theirs.status);
  for (const header of ["content-type", "vary", "set-cookie", "retry-after"]) {
    expect(mine.headers[header], header).toEqual(theirs.headers[header]);
  }
  expect(withoutStacks(mine.body)).toEqual(withoutStacks(theirs.body));
  expect(errors.lean).toEqual(errors.adapter);
  return mine;
}

/** Answered by the lean path: it knows the length up front, where the adapter streams its answer. */
const servedLean = (answer: Answer) => expect(answer.headers["content-length"]).toBeDefined();

describe("the lean tRPC handler answers as tRPC's node-http adapter does", () => {
  it("a GET query, with and without a caller", async () => {
    const me = await same({ method: "GET", path: `${BASE}auth.me`, headers: { "x-test-caller": "route" } });
    expect(me.status).toBe(200);
    servedLean(me);
    expect((await same({ method: "GET", path: `${BASE}auth.me` })).status).toBe(401);
    const nbbo = `${BASE}routing.nbbo?input=${input({ json: { symbol: "MSFT" } })}`;
    expect((await same({ method: "GET", path: nbbo, headers: { "x-test-caller": "route" } })).status).toBe(
      200,
    );
    expect((await same({ method: "GET", path: nbbo, headers: { "x-test-caller": "reports" } })).status).toBe(
      403,
    );
    const empty = await same({
      method: "GET",
      path: `${BASE}routing.nbbo?input=`,
      headers: { "x-test-caller": "route" },
    });
    expect(empty.status).toBe(400);
  });

  it("a POST mutation: its answer, bad input naming the field, and a refusal of the use case", async () => {
    const caller = { ...json, "x-test-caller": "route" };
    const routed = await same({
      method: "POST",
      path: `${BASE}routing.route`,
      headers: caller,
      body: JSON.stringify(order("100")),
    });
    expect(routed.status).toBe(200);
    servedLean(routed);
    const badSide = { json: { ...order("100").json, side: 1 } };
    const refused = await same({
      method: "POST",
      path: `${BASE}routing.route`,
      headers: caller,
      body: JSON.stringify(badSide),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("side");
    expect(
      (
        await same({
          method: "POST",
          path: `${BASE}routing.route`,
          headers: caller,
          body: JSON.stringify(order("13")),
        })
      ).status,
    ).toBe(400);
  });

  it("bodies that are not JSON, empty or too large, and the wrong method for the procedure", async () => {
    const caller = { ...json, "x-test-caller": "route" };
    for (const body of ["{not json", "", JSON.stringify({ json: "x".repeat(MAX_BODY) })]) {
      const answer = await same({ method: "POST", path: `${BASE}routing.route`, headers: caller, body });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      servedLean(answer);
    }
    // Refused before the body is looked at: an anonymous caller learns nothing of it.
    expect(
      (await same({ method: "POST", path: `${BASE}routing.route`, headers: json, body: "{not json" })).status,
    ).toBe(401);
    expect(
      (await same({ method: "GET", path: `${BASE}routing.route`, headers: { "x-test-caller": "route" } }))
        .status,
    ).toBe(405);
    expect((await same({ method: "POST", path: `${BASE}auth.me`, headers: caller, body: "" })).status).toBe(
      405,
    );
  });

  it("batches: all good, mixed outcomes (207), and an input that is not an object by index", async () => {
    const caller = { ...json, "x-test-caller": "route" };
    const queries = `${BASE}auth.me,routing.nbbo?batch=1&input=${input({ 1: { json: { symbol: "AAPL" } } })}`;
    const both = await same({ method: "GET", path: queries, headers: caller });
    expect(both.status).toBe(200);
    servedLean(both);
    const mixed = JSON.stringify({ 0: order("100"), 1: order("13") });
    expect(
      (
        await same({
          method: "POST",
          path: `${BASE}routing.route,routing.route?batch=1`,
          headers: caller,
          body: mixed,
        })
      ).status,
    ).toBe(207);
    expect(
      (
        await same({
          method: "POST",
          path: `${BASE}routing.route,routing.route?batch=1`,
          headers: caller,
          body: "[1]",
        })
      ).status,
    ).toBe(400);
  });

  it("a context that cannot be made, and the headers procedures set (cookies among them)", async () => {
    expect(
      (await same({ method: "GET", path: `${BASE}auth.me`, headers: { "x-test-caller": "broken" } })).status,
    ).toBe(500);
    const cookies = await same({
      method: "GET",
      path: `${BASE}auth.me`,
      headers: { "x-test-caller": "route", "x-test-cookies": "1" },
    });
    expect(cookies.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("survives callers that leave before the end of their body, read or not", async () => {
    for (const caller of ["route", "slow"]) {
      await new Promise<void>((resolve) => {
        const req = request({
          host: "127.0.0.1",
          port: ports.lean,
          method: "POST",
          path: `${BASE}routing.route`,
          headers: { ...json, "x-test-caller": caller, "content-length": "1000" },
        });
        req.on("error", () => undefined);
        req.on("close", () => resolve());
        req.write('{"json":', () => setTimeout(() => req.destroy(), 20));
      });
    }
    // Time for the slow context to be made and the request refused, its body never read.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const after = await same({
      method: "GET",
      path: `${BASE}auth.me`,
      headers: { "x-test-caller": "route" },
    });
    expect(after.status).toBe(200);
  });

  it("leaves to the adapter what it does not serve itself: unknown procedures, other media types and methods, streaming", async () => {
    const caller = { "x-test-caller": "route" };
    const unknown = await same({ method: "GET", path: `${BASE}routing.nope`, headers: caller });
    expect(unknown.status).toBe(404);
    expect(unknown.headers["content-length"]).toBeUndefined();
    const form = { "content-type": "text/plain", ...caller };
    expect(
      (await same({ method: "POST", path: `${BASE}routing.route`, headers: form, body: "x" })).status,
    ).toBe(415);
    expect(
      (
        await same({
          method: "PUT",
          path: `${BASE}routing.route`,
          headers: { ...json, ...caller },
          body: "{}",
        })
      ).status,
    ).toBe(405);
    expect((await same({ method: "GET", path: `${BASE}auth%2Eme`, headers: caller })).status).toBe(200);
    const streamed = await same({
      method: "GET",
      path: `${BASE}auth.me?batch=1`,
      headers: { ...caller, "trpc-accept": "application/jsonl" },
    });
    expect(streamed.status).toBe(200);
  });
});
