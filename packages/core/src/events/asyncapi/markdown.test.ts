import { describe, expect, it } from "vitest";
import { encodeEvent } from "../decode";
import { buildAsyncApiDocument } from "./document";
import { orderCreatedExample, riskHaltLiftedExample, tradeExecutedExample } from "./examples";
import { renderEventsMarkdown } from "./markdown";

const document = buildAsyncApiDocument();
const markdown = renderEventsMarkdown(document);

describe("docs/events.md as rendered from the AsyncAPI document", () => {
  it("has a section per Kafka channel, consumed topics before published ones", () => {
    const headings = [...markdown.matchAll(/^### `([^`]+)`/gm)].map((match) => match[1]);
    const kafka = Object.values(document.channels).filter((channel) =>
      channel.servers.some((server) => server.$ref === "#/servers/kafka"),
    );
    expect(headings).toEqual(kafka.map((channel) => channel.address));
    expect(headings).not.toContain("/ws/portfolio");
    expect(markdown.indexOf("## Consumed by NexusTrade")).toBeLessThan(
      markdown.indexOf("### `orders.created`"),
    );
    expect(markdown.indexOf("## Published by NexusTrade")).toBeLessThan(
      markdown.indexOf("### `surveillance.alerts`"),
    );
  });

  it("gives each field its type, whether it is required, and its meaning", () => {
    expect(markdown).toContain(
      "| `price` | decimal string > 0 or null | yes | The limit price; `null` for a market order. A limit order must have one. |",
    );
    expect(markdown).toContain("| `account_id` | identifier | no |");
    expect(markdown).toContain("| `alternatives[].expected_fill_rate` | number 0 to 1 | yes |");
    expect(markdown).toContain("| `related_order_ids` | array of UUID | yes |");
    expect(markdown).toContain("| `source-offset` | string | yes |");
  });

  it("shows the examples as the one-line messages a producer sends", () => {
    for (const example of [orderCreatedExample, tradeExecutedExample, riskHaltLiftedExample])
      expect(markdown).toContain(`\n${encodeEvent(example)}\n`);
  });

  it("escapes the pipes of patterns so a table cell stays one cell", () => {
    const timestampRow = markdown.split("\n").find((line) => line.startsWith("| timestamp |"));
    expect(timestampRow?.split(/(?<!\\)\|/)).toHaveLength(5);
  });

  it("refuses to render a field without a meaning", () => {
    const schemas = structuredClone(document.components.schemas);
    const quantity = schemas["OrderCreated"]?.properties?.["quantity"];
    if (typeof quantity !== "object") throw new Error("expected the quantity schema");
    delete quantity.description;
    expect(() =>
      renderEventsMarkdown({ ...document, components: { ...document.components, schemas } }),
    ).toThrow("quantity: no meaning documented");
  });
});
