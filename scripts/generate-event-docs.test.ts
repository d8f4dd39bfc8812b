import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildAsyncApiDocument, renderEventsMarkdown } from "@nexus/core/events/asyncapi";
import { describe, expect, it } from "vitest";
import { exampleOrderLine, exampleTradeLine } from "../apps/worker/test/fixtures/events";

const committed = (): Promise<string> =>
  readFile(path.resolve(import.meta.dirname, "../docs/events.md"), "utf8");

describe("docs/events.md", () => {
  it("is what `npm run docs:events` writes from the current schemas", async () => {
    expect(await committed(), "docs/events.md is out of date: run `npm run docs:events`").toBe(
      renderEventsMarkdown(buildAsyncApiDocument()),
    );
  });

  it("shows, byte for byte, the example lines the worker's and the decoder's tests send", async () => {
    const markdown = await committed();
    expect(markdown).toContain(`\n${exampleOrderLine}\n`);
    expect(markdown).toContain(`\n${exampleTradeLine}\n`);
  });
});
