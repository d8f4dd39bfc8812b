import { describe, expect, it } from "vitest";

import { buildOpenApiDocument } from "./openapi";

describe("buildOpenApiDocument", () => {
  const document = buildOpenApiDocument("https://nexus.example.com/api/v1");

  it("lists the REST paths, each protected by the bearer API key", () => {
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      "/auth/me",
      "/overview/summary",
      "/portfolio/{userId}/account-returns",
      "/portfolio/{userId}/cash-movements",
      "/portfolio/{userId}/correlation",
      "/portfolio/{userId}/expected-shortfall",
      "/portfolio/{userId}/invalidate",
      "/portfolio/{userId}/marginal-var",
      "/portfolio/{userId}/performance",
      "/portfolio/{userId}/performance-series",
      "/portfolio/{userId}/positions",
      "/portfolio/{userId}/returns",
      "/portfolio/{userId}/risk-decomposition",
      "/portfolio/{userId}/stress",
      "/portfolio/{userId}/summary",
      "/portfolio/{userId}/sync-positions",
      "/portfolio/{userId}/var",
      "/portfolio/{userId}/var-backtest",
      "/reports/605",
      "/reports/606a1",
      "/reports/606a1/document",
      "/reports/606b",
      "/reports/default-quarter",
      "/reports/venues",
      "/routing/nbbo",
      "/routing/performance",
      "/routing/route",
      "/routing/route-and-execute",
      "/routing/split",
      "/routing/stats",
      "/routing/venue-rankings",
      "/surveillance/halts",
    ]);
    expect(document.paths?.["/overview/summary"]?.get?.security).toEqual([{ Authorization: [] }]);
    expect(document.components?.securitySchemes).toMatchObject({
      Authorization: { type: "http", scheme: "bearer" },
    });
  });

  it("documents the query parameters with their bounds", () => {
    const parameters = document.paths?.["/overview/summary"]?.get?.parameters ?? [];
    expect(parameters).toContainEqual(
      expect.objectContaining({
        name: "tradesLimit",
        in: "query",
        schema: expect.objectContaining({ minimum: 1, maximum: 100 }),
      }),
    );
  });

  it("documents the routing request body, decimals as strings", () => {
    const body = document.paths?.["/routing/route"]?.post?.requestBody;
    const schema = body && "content" in body ? body.content["application/json"]?.schema : undefined;
    expect(schema).toMatchObject({
      properties: { quantity: { type: "string" }, side: { type: "string" } },
      required: expect.arrayContaining(["orderId", "userId", "symbol", "side", "quantity", "strategy"]),
    });
  });

  it("documents the portfolio VaR request, the owner in the path", () => {
    const operation = document.paths?.["/portfolio/{userId}/var"]?.post;
    expect(operation?.parameters).toContainEqual(expect.objectContaining({ name: "userId", in: "path" }));
    const body = operation?.requestBody;
    const schema = body && "content" in body ? body.content["application/json"]?.schema : undefined;
    expect(schema).toMatchObject({
      properties: {
        confidence: { type: "number" },
        horizon: { enum: ["1D", "1W", "1M", "3M", "1Y"] },
        lookbackDays: { type: "integer" },
      },
    });
  });

  it("points at the base url", () => {
    expect(document.servers).toEqual([{ url: "https://nexus.example.com/api/v1" }]);
  });

  it("tells where the live portfolio WebSocket is described", () => {
    expect(document.info.description).toContain("`GET /ws/portfolio?user={userId}`");
    expect(document.info.description).toContain("`/api/asyncapi.json` (channel `portfolioSocket`)");
  });
});
