import { buildAsyncApiDocument } from "@nexus/core/events/asyncapi";
import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/asyncapi.json", () => {
  it("serves the event contract's AsyncAPI document as cacheable public JSON", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await response.json()).toEqual(buildAsyncApiDocument());
  });
});
