import { describe, expect, it } from "vitest";
import { shareReads } from "./shared-read";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A load whose calls are answered by hand, in order. */
function manualLoad() {
  const calls: { symbol: string; answer: (value: string) => void; fail: (error: Error) => void }[] = [];
  const load = (symbol: string) =>
    new Promise<string>((answer, fail) => calls.push({ symbol, answer, fail }));
  return { calls, load };
}

describe("shareReads", () => {
  it("sends one read per key for the callers of a turn, on the next turn", async () => {
    const { calls, load } = manualLoad();
    const read = shareReads((symbol: string) => symbol, load);
    const callers = [read("AAPL"), read("AAPL"), read("MSFT")];
    expect(calls).toHaveLength(0);
    await nextTurn();
    expect(calls.map((call) => call.symbol)).toEqual(["AAPL", "MSFT"]);
    calls[0]?.answer("AAPL#1");
    calls[1]?.answer("MSFT#1");
    expect(await Promise.all(callers)).toEqual(["AAPL#1", "AAPL#1", "MSFT#1"]);
  });

  it("lets callers that come during a read share the next one, sent when it is answered", async () => {
    const { calls, load } = manualLoad();
    const read = shareReads((symbol: string) => symbol, load);
    const first = read("AAPL");
    await nextTurn();
    // Came after the first read was sent: they must not get its (possibly older) answer.
    const later = [read("AAPL"), read("AAPL")];
    await nextTurn();
    expect(calls).toHaveLength(1);
    calls[0]?.answer("AAPL#1");
    expect(await first).toBe("AAPL#1");
    await nextTurn();
    expect(calls).toHaveLength(2);
    calls[1]?.answer("AAPL#2");
    expect(await Promise.all(later)).toEqual(["AAPL#2", "AAPL#2"]);
    // Idle again: the next caller's read goes on the next turn.
    const again = read("AAPL");
    await nextTurn();
    calls[2]?.answer("AAPL#3");
    expect(await again).toBe("AAPL#3");
  });

  it("gives every caller sharing a read its failure, and reads afresh afterwards", async () => {
    const { calls, load } = manualLoad();
    const read = shareReads((symbol: string) => symbol, load);
    const both = [read("AAPL"), read("AAPL")];
    await nextTurn();
    calls[0]?.fail(new Error("redis unreachable"));
    for (const call of both) await expect(call).rejects.toThrow("redis unreachable");
    const after = read("AAPL");
    await nextTurn();
    calls[1]?.answer("AAPL#2");
    expect(await after).toBe("AAPL#2");
  });

  it("fails the callers of a load that throws instead of rejecting", async () => {
    const read = shareReads(
      (symbol: string) => symbol,
      (): Promise<string> => {
        throw new Error("no connection");
      },
    );
    await expect(read("AAPL")).rejects.toThrow("no connection");
  });
});
