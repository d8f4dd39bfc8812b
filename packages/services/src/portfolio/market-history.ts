/**
 * The daily closes as the risk engine's PriceHistory (a bar flagged as a suspect move is left out
 * until confirmed, and then its move counts: PriceHistory.confirmedMoves), kept in the process: five years of a
 * hundred symbols is 138k rows, far too many to read per request, and they change only on an import or a
 * flag review. The store re-reads them when the market data's fingerprint changed, checked at most every
 * `recheckMs`; concurrent callers share one read.
 *
 * With the market-data service configured (MARKET_DATA_URL), the closes of the symbols it knows come from
 * it (service-bars.ts, kept in market_data_cache), the stored bars filling in the others. When the
 * service cannot be reached (timeout, errors, its circuit breaker open) the stored bars stand in for all,
 * and the snapshot says so: `staleAsOf`, the last date they hold, which the Portfolio screen shows.
 *
 * Under a simulated session (issue 15: one coherent trading day), the history ends on the day before the
 * one it replays: its VaR, performance and marks are those of that day, not of the data's last year.
 */
import { buildPriceHistory, historyBefore } from "@nexus/core/analytics";
import type { PriceHistory } from "@nexus/core/analytics";
import { Decimal } from "@nexus/core/money";
import type { Database } from "@nexus/db/client";
import {
  listClosesForRisk,
  listMarketBarFlags,
  listSecuritySectors,
  marketDataVersion,
} from "@nexus/db/queries/market";
import type { StoredClose } from "@nexus/db/queries/market";
import { ServiceError } from "@nexus/platform/http";
import { createMarketDataClient } from "@nexus/platform/http/market-data";
import type { MarketDataClient } from "@nexus/platform/http/market-data";
import type { Logger } from "@nexus/platform/logger";
import { simulatedSessionDay } from "../simulation/session-status";
import { readServiceBars, refreshServiceBars } from "./service-bars";

export interface MarketSnapshot {
  /** Changes whenever the stored bars or their flags do: part of every cache key built on this data. */
  version: string;
  history: PriceHistory;
  /** GICS sector of each symbol with reference data. */
  sectors: ReadonlyMap<string, string>;
  /** Where the closes came from: the market-data service (with the store for what it lacks), or the store. */
  source: "service" | "local";
  /**
   * Set when the market-data service is configured but could not be reached: the closes are the stored
   * ones, whose last date this is ("stale as of"). Null when the data is what it should be.
   */
  staleAsOf: string | null;
}

export interface MarketHistoryOptions {
  recheckMs?: number;
  monotonicNow?: () => number;
  /** The market-data service (MARKET_DATA_URL); unset, the stored bars are the only source. */
  service?: MarketDataClient;
  /** How long bars fetched from the service are kept in market_data_cache. Default 1 h. */
  serviceTtlSeconds?: number;
  clock?: () => Date;
  /** Told each time the service could not be reached and the stored bars stood in. */
  onServiceFailure?: (error: ServiceError) => void;
  /**
   * The trading day a simulated session replays (YYYY-MM-DD), or null when none runs: the history then
   * holds only the dates before it. Asked at every `current()`; cheap answers are the caller's to keep.
   */
  sessionDay?: () => Promise<string | null>;
}

/** What the store holds: read again only when marketDataVersion changes. */
interface StoredData {
  version: string;
  history: PriceHistory;
  sectors: ReadonlyMap<string, string>;
  /** Kept only with a service configured, to fill in the symbols it does not know. */
  closes: readonly StoredClose[];
}

/** How often a server asks which day the simulated session replays (it moves once a simulated day). */
const SESSION_DAY_RECHECK_MS = 1_000;

/** `read`'s answer, asked again once `ms` have passed since it was asked (a failed read is not kept). */
function rememberedFor<T>(ms: number, read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  let askedAt = Number.NEGATIVE_INFINITY;
  return () => {
    const now = performance.now();
    if (answer === undefined || now - askedAt >= ms) {
      askedAt = now;
      const asked = read();
      answer = asked;
      asked.catch(() => {
        if (answer === asked) answer = undefined;
      });
    }
    return answer;
  };
}

/** How soon the bars are looked at again while they are arriving. */
const ARRIVING_RECHECK_MS = 2_000;

export class MarketHistoryStore {
  private snapshot: Promise<MarketSnapshot> | undefined;
  private stored: StoredData | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  /** The last check found the same bars as the one before: the data is not being imported right now. */
  private settled = false;
  /** The last history cut before a session's day, kept while neither the data nor the day changes. */
  private cut: MarketSnapshot | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: MarketHistoryOptions = {},
  ) {}

  /** The market data as of now: under a simulated session, as of the day before the one it replays. */
  async current(): Promise<MarketSnapshot> {
    const [snapshot, day] = await Promise.all([this.latest(), this.options.sessionDay?.() ?? null]);
    if (day === null) return snapshot;
    const version = `${snapshot.version}.before-${day}`;
    if (this.cut?.version !== version) {
      const history = historyBefore(snapshot.history, day);
      const staleAsOf = snapshot.staleAsOf === null ? null : (history.dates.at(-1) ?? null);
      this.cut = { ...snapshot, version, history, staleAsOf };
    }
    return this.cut;
  }

  /** Every date the data holds. */
  private async latest(): Promise<MarketSnapshot> {
    const now = (this.options.monotonicNow ?? (() => performance.now()))();
    const recheckMs = this.options.recheckMs ?? 60_000;
    const dueAfterMs = this.settled ? recheckMs : Math.min(recheckMs, ARRIVING_RECHECK_MS);
    if (this.snapshot !== undefined && now - this.checkedAt < dueAfterMs) return this.snapshot;
    this.checkedAt = now;
    const previous = this.snapshot;
    const next = (async () => {
      const known = await previous?.catch(() => undefined);
      const before = this.stored?.version;
      const stored = await this.readStored();
      // Still arriving (no bars yet, or new ones since the last check: a first start's import, ten symbols
      // a transaction): looked at again within seconds, so risk figures follow the import rather than
      // trail it by a minute; unchanged since the last check, at the full interval.
      this.settled = stored.history.dates.length > 0 && before === stored.version;
      const fresh = await this.fromService(stored, known);
      if (fresh !== undefined) return fresh;
      const stale =
        this.options.service === undefined
          ? null
          : (stored.history.dates[stored.history.dates.length - 1] ?? null);
      const version = stale === null ? stored.version : `${stored.version}.stale`;
      if (known?.version === version) return known;
      const { history, sectors } = stored;
      return { version, history, sectors, source: "local" as const, staleAsOf: stale };
    })();
    // A failed read is not kept: the next request tries again.
    next.catch(() => {
      if (this.snapshot === next) {
        this.snapshot = undefined;
        this.checkedAt = Number.NEGATIVE_INFINITY;
      }
    });
    this.snapshot = next;
    return next;
  }

  /**
   * The stored bars, re-read when their fingerprint changed (only current()'s one read in flight calls
   * this, so there is nothing to share between callers here).
   */
  private async readStored(): Promise<StoredData> {
    const version = await marketDataVersion(this.db);
    if (this.stored?.version === version) return this.stored;
    const [closes, sectors, confirmed] = await Promise.all([
      listClosesForRisk(this.db),
      listSecuritySectors(this.db),
      listMarketBarFlags(this.db, { status: "confirmed" }),
    ]);
    const { dates, closes: series, volumes } = buildPriceHistory(closes);
    // Reviewed moves count in risk; suspected ones are not in `closes` at all (listClosesForRisk).
    const confirmedMoves = new Map<string, Set<string>>();
    for (const flag of confirmed) {
      confirmedMoves.set(flag.symbol, (confirmedMoves.get(flag.symbol) ?? new Set()).add(flag.date));
    }
    this.stored = {
      version,
      history: { dates, closes: series, volumes, confirmedMoves },
      sectors,
      closes: this.options.service === undefined ? [] : closes,
    };
    return this.stored;
  }

  /** The snapshot on the service's closes, or undefined when the service is not configured or not reachable. */
  private async fromService(
    stored: StoredData,
    known: MarketSnapshot | undefined,
  ): Promise<MarketSnapshot | undefined> {
    const { service } = this.options;
    if (service === undefined) return undefined;
    const now = (this.options.clock ?? (() => new Date()))();
    const symbols = [...new Set([...stored.history.closes.keys(), ...stored.sectors.keys()])].sort();
    let fingerprint: string;
    try {
      fingerprint = await refreshServiceBars(this.db, service, symbols, {
        now,
        ttlSeconds: this.options.serviceTtlSeconds ?? 3_600,
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      this.options.onServiceFailure?.(error);
      return undefined;
    }
    const version = `service.${stored.version}.${fingerprint}`;
    if (known?.version === version) return known;
    const fetched = await readServiceBars(this.db, symbols, now);
    const fromService = (symbol: string) => (fetched.get(symbol)?.length ?? 0) > 0;
    const bars = [
      ...[...fetched].flatMap(([symbol, series]) =>
        series.map((bar) => ({
          symbol,
          date: bar.date,
          close: new Decimal(bar.close),
          volume: bar.volume === undefined ? Number.NaN : Number(bar.volume),
        })),
      ),
      ...stored.closes.filter((close) => !fromService(close.symbol)),
    ];
    const { dates, closes, volumes } = buildPriceHistory(bars);
    const history = { dates, closes, volumes, confirmedMoves: stored.history.confirmedMoves };
    return { version, history, sectors: stored.sectors, source: "service", staleAsOf: null };
  }
}

/**
 * The store a server process uses: over the market-data service when MARKET_DATA_URL is set (each
 * fallback to the stored bars logged as a warning), else over the stored bars alone.
 */
export function createMarketHistory(
  db: Database,
  options: { marketDataUrl: string | undefined; logger: Pick<Logger, "warn"> },
): MarketHistoryStore {
  const sessionDay = rememberedFor(SESSION_DAY_RECHECK_MS, () => simulatedSessionDay(db, new Date()));
  if (options.marketDataUrl === undefined) return new MarketHistoryStore(db, { sessionDay });
  return new MarketHistoryStore(db, {
    sessionDay,
    service: createMarketDataClient({ baseUrl: options.marketDataUrl }),
    onServiceFailure: (error) =>
      options.logger.warn(
        { err: error },
        "market-data service unreachable: risk on the stored bars, marked stale",
      ),
  });
}
