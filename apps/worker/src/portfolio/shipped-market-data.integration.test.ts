/** The worker's first start loads the shipped data set once, quickly; later starts leave it alone. */
import { listAudit } from "@nexus/db/queries/audit";
import { countMarketBars, listMarketBarFlags, listSecuritySectors } from "@nexus/db/queries/market";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { createLogger } from "@nexus/platform/logger";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SHIPPED_BARS_SOURCE, loadShippedMarketDataOnce } from "./shipped-market-data.js";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("worker_shipped_bars");
});
afterAll(async () => {
  await db.close();
});

it("imports the shipped bars, sectors and flags on the first start only, the books' symbols first", async () => {
  const logger = createLogger({ name: "test", level: "silent" });
  const started = performance.now();
  const written = await loadShippedMarketDataOnce(db.db, logger, ["XOM", "AAPL", "XOM"]);
  const elapsedMs = performance.now() - started;
  expect(written).toBeGreaterThan(130_000);
  expect(await countMarketBars(db.db)).toBe(written);
  // Fast enough for a first start (measured about 3-4 s here for 138k bars).
  expect(elapsedMs).toBeLessThan(30_000);
  expect((await listSecuritySectors(db.db)).get("AAPL")).toBe("Information Technology");
  // PROVENANCE.md: EBAY's 2015-07-20 PayPal spin-off is among the flagged moves.
  const flags = await listMarketBarFlags(db.db);
  expect(flags.map((flag) => `${flag.symbol} ${flag.date}`)).toContain("EBAY 2015-07-20");
  expect(flags.every((flag) => flag.status === "suspected")).toBe(true);
  const imports = await listAudit(db.db, { limit: 100, entityType: "market_bars" });
  expect(imports[0]).toMatchObject({ actorType: "system", actorId: null, entityId: SHIPPED_BARS_SOURCE });
  // Oldest last: the books' two symbols were a transaction of their own, with every security's sector.
  expect(imports.at(-1)?.details).toMatchObject({ symbols: 2, securities: 110 });
  expect(imports.map((entry) => (entry.details as { symbols: number }).symbols).reduce((a, b) => a + b)).toBe(
    110,
  );

  expect(await loadShippedMarketDataOnce(db.db, logger)).toBe(0);
  expect(await countMarketBars(db.db)).toBe(written);
});

it("finishes an import a start left half done, and leaves the symbols already there alone", async () => {
  const logger = createLogger({ name: "test", level: "silent" });
  const all = await countMarketBars(db.db);
  // As if the worker had stopped after the first few groups: the later symbols are missing.
  await db.sql.unsafe(`delete from ${db.schema}.market_bars where symbol >= 'M'`);
  const missing = all - (await countMarketBars(db.db));
  expect(missing).toBeGreaterThan(10_000);
  expect(await loadShippedMarketDataOnce(db.db, logger)).toBe(missing);
  expect(await countMarketBars(db.db)).toBe(all);
});
