import type { DailyBar } from "@nexus/sim";

export interface SelectionRule {
  /** A candidate has bars on both dates: it traded over the whole period. */
  firstDate: string;
  lastDate: string;
  /** How many of each sector's most traded candidates are taken. */
  perSector: number;
  /** Taken whatever their rank (the simulator's symbols); each must be a candidate. */
  keep: ReadonlySet<string>;
}

/**
 * The symbols to ship, sorted: among the symbols with a sector and bars over the whole period, the
 * `perSector` most traded of each sector by mean daily dollar volume (close x volume over the bars that
 * have a volume; ties by symbol), plus `keep`. Liquid names make realistic books and order flow; every
 * sector is there so sector exposures and stress tests have something to bite on.
 */
export function selectSymbols(
  bars: readonly DailyBar[],
  sectorOf: ReadonlyMap<string, string>,
  rule: SelectionRule,
): string[] {
  const activity = new Map<string, { first: boolean; last: boolean; dollars: number; days: number }>();
  for (const bar of bars) {
    let entry = activity.get(bar.symbol);
    if (entry === undefined) {
      entry = { first: false, last: false, dollars: 0, days: 0 };
      activity.set(bar.symbol, entry);
    }
    if (bar.date === rule.firstDate) entry.first = true;
    if (bar.date === rule.lastDate) entry.last = true;
    if (Number.isFinite(bar.volume)) {
      entry.dollars += bar.close.toNumber() * bar.volume;
      entry.days += 1;
    }
  }
  const candidates = [...activity]
    .filter(([symbol, { first, last, days }]) => sectorOf.has(symbol) && first && last && days > 0)
    .map(([symbol, { dollars, days }]) => ({ symbol, meanDollarVolume: dollars / days }))
    .sort((x, y) => y.meanDollarVolume - x.meanDollarVolume || (x.symbol < y.symbol ? -1 : 1));

  const notCandidates = [...rule.keep].filter((symbol) => !candidates.some((c) => c.symbol === symbol));
  if (notCandidates.length > 0)
    throw new Error(
      `kept symbols without a sector or bars over ${rule.firstDate} .. ${rule.lastDate}: ${notCandidates.join(", ")}`,
    );

  const chosen = new Set(rule.keep);
  const takenPerSector = new Map<string, number>();
  for (const { symbol } of candidates) {
    const sector = sectorOf.get(symbol) ?? "";
    const taken = takenPerSector.get(sector) ?? 0;
    if (taken < rule.perSector) {
      chosen.add(symbol);
      takenPerSector.set(sector, taken + 1);
    }
  }
  return [...chosen].sort();
}
