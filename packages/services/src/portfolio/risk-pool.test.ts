import { buildPriceHistory } from "@nexus/core/analytics";
import { Decimal } from "@nexus/core/money";
import { afterAll, describe, expect, it } from "vitest";
import type { MarketSnapshot } from "./market-history";
import { RiskThreadPool } from "./risk-pool";
import { asWire, riskRequestSchema } from "./risk-requests";
import type { TextOutcome } from "./risk-requests";
import { syntheticBars } from "./testing";

const history = buildPriceHistory(
  syntheticBars().map((bar) => ({
    symbol: bar.symbol,
    date: bar.date,
    close: bar.close ?? new Decimal(0),
    volume: 1,
  })),
);
const snapshot = (version: string): Pick<MarketSnapshot, "version" | "history"> => ({ version, history });
const book = [{ symbol: "AAA", quantity: "100", price: "100" }];
const parametric = riskRequestSchema.parse({ metric: "var", methods: ["parametric"], lookbackDays: 250 });

const pool = new RiskThreadPool({ size: 2 });
afterAll(() => pool.close());

describe("RiskThreadPool", () => {
  it("computes in worker threads, sending each thread the history again only when it changed", async () => {
    const outcomes = await Promise.all([
      pool.run(snapshot("v1"), book, parametric),
      pool.run(snapshot("v1"), book, parametric),
      pool.run(snapshot("v1"), book, parametric),
    ]);
    expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome))).size).toBe(1);
    // The thread answers with the JSON text the cache keeps and the API sends.
    expect(asWire(outcomes[0] as TextOutcome)).toMatchObject({ ok: true, value: [{ method: "parametric" }] });
    // Twenty days under a new version: the threads must compute on them, not on the history they hold.
    const closes = new Map([...history.closes].map(([symbol, series]) => [symbol, series.slice(0, 20)]));
    const short: Pick<MarketSnapshot, "version" | "history"> = {
      version: "v2",
      history: { dates: history.dates.slice(0, 20), closes },
    };
    const refused = await pool.run(short, book, parametric);
    expect(refused).toMatchObject({ ok: false, error: { kind: "insufficient_history" } });
  });

  it("rejects the tasks of a thread that fails, and replaces it for the next task", async () => {
    const broken = new RiskThreadPool({
      size: 1,
      threadFile: "data:text/javascript,throw new Error('thread broke')",
    });
    await expect(broken.run(snapshot("v1"), book, parametric)).rejects.toThrow("thread broke");
    await expect(broken.run(snapshot("v1"), book, parametric)).rejects.toThrow("thread broke");
    await broken.close();
  });
});
