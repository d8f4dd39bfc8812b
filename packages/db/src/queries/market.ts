import type { Decimal } from "@nexus/core/money";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { marketBarFlags, marketBars, securities } from "../schema/index";

export type MarketBarRow = typeof marketBars.$inferInsert;
export type SecurityRow = typeof securities.$inferInsert;
export type MarketBarFlag = typeof marketBarFlags.$inferSelect;

/**
 * Bars per statement. Each statement sends its rows as ONE json parameter expanded by
 * json_to_recordset on the server: no bind-parameter limit (65,535) to stay under and one short statement
 * text, so the five-year shipped universe (138k bars) loads in 7 statements.
 */
const BARS_PER_STATEMENT = 20_000;

const text = (value: Decimal | null | undefined): string | null => (value == null ? null : value.toFixed());

/**
 * Inserts bars, replacing a stored bar of the same symbol and date (a corrected file wins). Returns the
 * number of rows written. Run it in a transaction for an all-or-nothing import.
 */
export async function upsertMarketBars(
  db: Database,
  bars: readonly MarketBarRow[],
  onProgress?: (written: number) => void,
): Promise<number> {
  let written = 0;
  for (let start = 0; start < bars.length; start += BARS_PER_STATEMENT) {
    // Decimals travel as strings inside the JSON, so no price passes through a binary float.
    const rows = JSON.stringify(
      bars.slice(start, start + BARS_PER_STATEMENT).map((bar) => ({
        symbol: bar.symbol,
        date: bar.date,
        open: text(bar.open),
        high: text(bar.high),
        low: text(bar.low),
        close: text(bar.close),
        volume: text(bar.volume),
      })),
    );
    const result = await db.execute(sql`
      insert into ${marketBars} (symbol, date, open, high, low, close, volume)
      select symbol, date, open, high, low, close, volume
      from json_to_recordset(${rows}::json)
        as t(symbol text, date date, open numeric, high numeric, low numeric, close numeric, volume numeric)
      on conflict (symbol, date) do update set open = excluded.open, high = excluded.high,
        low = excluded.low, close = excluded.close, volume = excluded.volume`);
    written += result.count;
    onProgress?.(written);
  }
  return written;
}

/** Reference data: names and GICS sectors, replacing what was stored for those symbols. */
export async function upsertSecurities(db: Database, rows: readonly SecurityRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db
    .insert(securities)
    .values([...rows])
    .onConflictDoUpdate({
      target: securities.symbol,
      set: {
        name: sql`excluded.name`,
        sector: sql`excluded.sector`,
        subIndustry: sql`excluded.sub_industry`,
      },
    })
    .returning({ symbol: securities.symbol });
  return written.length;
}

export async function countMarketBars(db: Database): Promise<number> {
  const [row] = await db.select({ bars: count() }).from(marketBars);
  return row?.bars ?? 0;
}

/** The symbols with at least one stored bar. */
export async function marketBarSymbols(db: Database): Promise<Set<string>> {
  const rows = await db.selectDistinct({ symbol: marketBars.symbol }).from(marketBars);
  return new Set(rows.map((row) => row.symbol));
}

/** `(a, b, c)`, each a bound parameter. */
const symbolList = (symbols: readonly string[]) =>
  sql`(${sql.join(
    symbols.map((symbol) => sql`${symbol}`),
    sql`, `,
  )})`;

/**
 * Flags every one-day close-to-close move of `symbols` beyond `threshold` (0.4 = 40 %) over their whole
 * stored history, so a file that continues a stored series is checked across the seam too. A move already
 * flagged keeps its review; a suspected flag whose move a corrected file removed is dropped. Returns the
 * flags newly raised.
 */
export async function flagSuspectMoves(
  db: Database,
  symbols: readonly string[],
  threshold: number,
): Promise<MarketBarFlag[]> {
  if (symbols.length === 0) return [];
  const moves = sql`
    select symbol, date, previous_date, previous_close, close, round(close / previous_close - 1, 6) as daily_return
    from (
      select symbol, date, close,
        lag(date) over (partition by symbol order by date) as previous_date,
        lag(close) over (partition by symbol order by date) as previous_close
      from ${marketBars}
      where symbol in ${symbolList(symbols)} and close is not null
    ) series
    where previous_close > 0 and abs(close / previous_close - 1) > ${threshold}`;
  await db.execute(sql`
    delete from ${marketBarFlags} f
    where f.status = 'suspected' and f.symbol in ${symbolList(symbols)}
      and not exists (select 1 from (${moves}) m where m.symbol = f.symbol and m.date = f.date)`);
  const inserted = await db.execute<{ symbol: string; date: string }>(sql`
    insert into ${marketBarFlags} (symbol, date, previous_date, previous_close, close, daily_return)
    ${moves}
    on conflict (symbol, date) do nothing
    returning symbol, date`);
  if (inserted.length === 0) return [];
  return db
    .select()
    .from(marketBarFlags)
    .where(
      sql`(${marketBarFlags.symbol}, ${marketBarFlags.date}) in (${sql.join(
        inserted.map((row) => sql`(${row.symbol}, ${row.date})`),
        sql`, `,
      )})`,
    )
    .orderBy(asc(marketBarFlags.symbol), asc(marketBarFlags.date));
}

export function listMarketBarFlags(
  db: Database,
  options: { status?: MarketBarFlag["status"] } = {},
): Promise<MarketBarFlag[]> {
  return db
    .select()
    .from(marketBarFlags)
    .where(options.status === undefined ? undefined : eq(marketBarFlags.status, options.status))
    .orderBy(asc(marketBarFlags.symbol), asc(marketBarFlags.date));
}

/** Marks a suspected move as confirmed real; undefined when there is no such suspected flag. */
export async function confirmMarketBarFlag(
  db: Database,
  flag: { symbol: string; date: string; confirmedBy: string; confirmedAt: Date; note: string },
): Promise<MarketBarFlag | undefined> {
  const [row] = await db
    .update(marketBarFlags)
    .set({
      status: "confirmed",
      confirmedBy: flag.confirmedBy,
      confirmedAt: flag.confirmedAt,
      note: flag.note,
    })
    .where(
      and(
        eq(marketBarFlags.symbol, flag.symbol),
        eq(marketBarFlags.date, flag.date),
        eq(marketBarFlags.status, "suspected"),
      ),
    )
    .returning();
  return row;
}

/** A close as the risk engine reads it (volume NaN when the source had none). */
export interface StoredClose {
  symbol: string;
  date: string;
  close: Decimal;
  volume: number;
}

/**
 * Every stored close (of `symbols`, or of all), oldest first, for building the risk engine's price
 * history. Bars with a suspected (unconfirmed) flag are left out: a gap, which the engine reads as a
 * missing close and never as a move.
 */
export async function listClosesForRisk(db: Database, symbols?: readonly string[]): Promise<StoredClose[]> {
  const rows = await db
    .select({
      symbol: marketBars.symbol,
      date: marketBars.date,
      close: marketBars.close,
      volume: marketBars.volume,
    })
    .from(marketBars)
    .where(
      and(
        sql`${marketBars.close} is not null`,
        symbols === undefined ? undefined : inArray(marketBars.symbol, [...symbols]),
        sql`not exists (select 1 from ${marketBarFlags} f where f.symbol = ${marketBars.symbol} and f.date = ${marketBars.date} and f.status = 'suspected')`,
      ),
    )
    .orderBy(asc(marketBars.date), asc(marketBars.symbol));
  return rows.flatMap((row) =>
    row.close === null
      ? []
      : [
          {
            symbol: row.symbol,
            date: row.date,
            close: row.close,
            volume: row.volume?.toNumber() ?? Number.NaN,
          },
        ],
  );
}

/** Sector of each symbol with reference data. */
export async function listSecuritySectors(db: Database): Promise<Map<string, string>> {
  const rows = await db.select({ symbol: securities.symbol, sector: securities.sector }).from(securities);
  return new Map(rows.flatMap((row) => (row.sector === null ? [] : [[row.symbol, row.sector] as const])));
}

/**
 * A fingerprint of the stored market data (bars, last date, flag reviews): cached risk built on other
 * data is not served once it changes.
 */
export async function marketDataVersion(db: Database): Promise<string> {
  const [row] = await db.execute<{
    bars: string;
    last: string | null;
    flags: string;
    reviewed: string | null;
  }>(sql`
    select (select count(*) from ${marketBars})::text as bars,
           (select max(date) from ${marketBars})::text as last,
           (select count(*) from ${marketBarFlags})::text as flags,
           (select max(confirmed_at) from ${marketBarFlags})::text as reviewed`);
  return `${row?.bars ?? 0}.${row?.last ?? ""}.${row?.flags ?? 0}.${row?.reviewed ?? ""}`;
}
