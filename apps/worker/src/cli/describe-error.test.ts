import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error.js";

describe("describeError", () => {
  it("puts the cause first and the failed query, cut short, after it", () => {
    const query = `Failed query: insert into order_events ${"($1, $2), ".repeat(100)}`;
    const error = new Error(query, { cause: new Error('relation "order_events" does not exist') });
    const line = describeError(error);
    expect(line).toBe(`relation "order_events" does not exist (${query.slice(0, 200)}...)`);
  });

  it("says a message once when the cause repeats it", () => {
    const refused = "Connection error: connect ECONNREFUSED 127.0.0.1:9092";
    expect(describeError(new Error(refused, { cause: new Error(refused) }))).toBe(refused);
  });

  it("words an error without a cause, and a thrown non-error, as they are", () => {
    expect(describeError(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(
      "connect ECONNREFUSED 127.0.0.1:5432",
    );
    expect(describeError("aborted")).toBe("aborted");
  });
});
