import { createLogger } from "@nexus/platform/logger";
import { describe, expect, it } from "vitest";
import { outboxRounds } from "./outbox-rounds.js";

/** A logger whose lines the test reads (level and message of each). */
function readableLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = createLogger({
    name: "outbox-rounds-test",
    level: "info",
    destination: {
      write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }),
    },
  });
  return { logger, messages: () => lines.map((line) => line.msg) };
}

describe("outbox rounds", () => {
  it("runs one round at a time, and kicks that come during a round queue one more, not one each", async () => {
    const { logger } = readableLogger();
    let rounds = 0;
    let finish: () => void = () => undefined;
    const outbox = outboxRounds({
      round: async () => {
        rounds++;
        await new Promise<void>((resolve) => (finish = resolve));
        return { failed: undefined };
      },
      logger,
      failing: "failing",
      flowing: "flowing",
    });
    const first = outbox.kick();
    await Promise.resolve();
    await Promise.resolve();
    const during = [outbox.kick(), outbox.kick(), outbox.kick()];
    expect(rounds).toBe(1);
    finish();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(rounds).toBe(2);
    finish();
    await Promise.all(during);
    await outbox.settled();
    expect(rounds).toBe(2);
  });

  it("logs a run of failures once when it starts and once when a round succeeds again; a thrown round fails", async () => {
    const { logger, messages } = readableLogger();
    const outcomes: Array<() => Promise<{ failed: unknown }>> = [
      async () => ({ failed: new Error("bus down") }),
      async () => {
        throw new Error("database down");
      },
      async () => ({ failed: undefined }),
      async () => ({ failed: undefined }),
    ];
    const rounds = outboxRounds({
      round: () => (outcomes.shift() as () => Promise<{ failed: unknown }>)(),
      logger,
      failing: "messages kept for retry",
      flowing: "messages flowing again",
    });
    for (let round = 0; round < 4; round++) await rounds.kick();
    expect(messages()).toEqual(["messages kept for retry", "messages flowing again"]);
  });
});
