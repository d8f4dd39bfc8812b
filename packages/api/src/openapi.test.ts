import { describe, expect, it } from "vitest";

import { buildOpenApiDocument } from "./openapi";

describe("buildOpenApiDocument", () => {
  const document = buildOpenApiDocument("https://nexus.example.com/api/v1");

  it("lists the REST paths, each protected by the bearer API key", () => {
    expect(Object.keys(document.paths ?? {}).sort()).toEqual(["/auth/me", "/overview/summary"]);
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

  it("points at the base url", () => {
    expect(document.servers).toEqual([{ url: "https://nexus.example.com/api/v1" }]);
  });
});
