import { describe, expect, it } from "vitest";
import { queueFilterFrom } from "./queue-params";

const read = (query: string) => queueFilterFrom(new URLSearchParams(query));
const USER = "0b6c1f9e-4a3d-4c2b-9f1e-2d3c4b5a6978";

describe("queueFilterFrom", () => {
  it("reads the open queue, newest first, from an address without a filter", () => {
    expect(read("")).toEqual({
      filter: { statuses: ["open", "under_review", "escalated"] },
      order: "newest",
    });
  });

  it("keeps the user, a reviewer as assignee and the triage order", () => {
    expect(read(`user=${USER.toUpperCase()}&assignee=${USER}&order=severity`)).toMatchObject({
      filter: { userId: USER, assignee: USER },
      order: "severity",
    });
    expect(read("assignee=me&order=oldest")).toMatchObject({ filter: { assignee: "me" }, order: "oldest" });
  });

  it("drops what is not a user id, an assignee or an order, rather than sending the server nonsense", () => {
    const { filter, order } = read("user=bob&assignee=someone&order=random&severity=extreme");
    expect(filter).toEqual({ statuses: ["open", "under_review", "escalated"] });
    expect(order).toBe("newest");
  });

  it("reads the date range as whole UTC days, the end day included", () => {
    expect(read("from=2026-12-01&to=2026-12-02").filter).toMatchObject({
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-03T00:00:00Z"),
    });
  });
});
