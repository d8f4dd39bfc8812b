/**
 * The stored daily closes as the risk engine's PriceHistory (a bar flagged as a suspect move is left out
 * until confirmed, and then its move counts: PriceHistory.confirmedMoves), kept in the process: five years of a
 * hundred symbols is 138k rows, far too many to read per request, and they change only on an import or a
 * flag review. The store re-reads them when the market data's fingerprint changed, checked at most every
 * `recheckMs`; concurrent callers share one read.
 */
import { buildPriceHistory } from "@nexus/core/analytics";
import type { PriceHistory } from "@nexus/core/analytics";
import type { Database } from "@nexus/db/client";
import {
  listClosesForRisk,
  listMarketBarFlags,
  listSecuritySectors,
  marketDataVersion,
} from "@nexus/db/queries/market";

export interface MarketSnapshot {
  /** Changes whenever the stored bars or their flags do: part of every cache key built on this data. */
  version: string;
  history: PriceHistory;
  /** GICS sector of each symbol with reference data. */
  sectors: ReadonlyMap<string, string>;
}

export class MarketHistoryStore {
  private snapshot: Promise<MarketSnapshot> | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Database,
    private readonly options: { recheckMs?: number; monotonicNow?: () => number } = {},
  ) {}

  async current(): Promise<MarketSnapshot> {
    const now = (this.options.monotonicNow ?? (() => performance.now()))();
    if (this.snapshot !== undefined && now - this.checkedAt < (this.options.recheckMs ?? 60_000)) {
      return this.snapshot;
    }
    this.checkedAt = now;
    const previous = this.snapshot;
    const next = (async () => {
      const version = await marketDataVersion(this.db);
      const known = await previous?.catch(() => undefined);
      if (known?.version === version) return known;
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
      return { version, history: { dates, closes: series, volumes, confirmedMoves }, sectors };
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
}
