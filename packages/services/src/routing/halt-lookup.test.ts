import type { HaltRow } from "@nexus/db/queries/trading-halts";
import { describe, expect, it } from "vitest";
import { haltCovers } from "./halt-lookup";

const halt = (fields: Pick<HaltRow, "scope" | "userId" | "symbol">) => ({ ...fields }) as HaltRow;
const alice = "a11ce000-0000-4000-8000-000000000001";
const bob = "b0b00000-0000-4000-8000-000000000002";

describe("haltCovers", () => {
  it("stops a user's whole book, a symbol for everyone, or one user in one symbol", () => {
    const user = halt({ scope: "user", userId: alice, symbol: null });
    const symbol = halt({ scope: "symbol", userId: null, symbol: "GME" });
    const pair = halt({ scope: "user_symbol", userId: alice, symbol: "GME" });
    expect(haltCovers(user, { userId: alice, symbol: "AAPL" })).toBe(true);
    expect(haltCovers(user, { userId: bob, symbol: "AAPL" })).toBe(false);
    expect(haltCovers(symbol, { userId: bob, symbol: "GME" })).toBe(true);
    expect(haltCovers(symbol, { userId: bob, symbol: "AAPL" })).toBe(false);
    expect(haltCovers(pair, { userId: alice, symbol: "GME" })).toBe(true);
    expect(haltCovers(pair, { userId: alice, symbol: "AAPL" })).toBe(false);
    expect(haltCovers(pair, { userId: bob, symbol: "GME" })).toBe(false);
  });
});
