import { describe, expect, it } from "vitest";
import { shareWithinTurn } from "./turn-shared";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("shareWithinTurn", () => {
  it("makes one call per key for the callers of one turn, and calls afresh the next turn", async () => {
    const calls: string[] = [];
    const read = shareWithinTurn(
      (symbol: string) => symbol,
      (symbol: string) => {
        calls.push(symbol);
        return Promise.resolve(`${symbol}#${calls.length}`);
      },
    );
    expect(await Promise.all([read("AAPL"), read("AAPL"), read("MSFT")])).toEqual([
      "AAPL#1",
      "AAPL#1",
      "MSFT#2",
    ]);
    await nextTurn();
    expect(await read("AAPL")).toBe("AAPL#3");
    expect(calls).toEqual(["AAPL", "MSFT", "AAPL"]);
  });

  it("gives every caller of the turn the shared call's failure", async () => {
    const read = shareWithinTurn(
      (symbol: string) => symbol,
      () => Promise.reject(new Error("redis unreachable")),
    );
    const both = [read("AAPL"), read("AAPL")];
    for (const call of both) await expect(call).rejects.toThrow("redis unreachable");
  });
});
