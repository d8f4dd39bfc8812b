import { parseQuarter, previousQuarter, quarterLabel } from "@nexus/core/reports";

/** The most quarters the picker lists (twenty years). */
const MAX_OPTIONS = 80;

/**
 * The quarters the picker offers, newest first: the current one (in progress) back to the quarter of the
 * first routed order, at least the last complete one, at most twenty years.
 */
export function quarterOptions(current: string, earliest: string): string[] {
  let quarter = parseQuarter(current);
  const labels = [quarterLabel(quarter)];
  // "YYYYQn" labels sort as the quarters do.
  while (labels.length < MAX_OPTIONS && (labels.length < 2 || quarterLabel(quarter) > earliest)) {
    quarter = previousQuarter(quarter);
    labels.push(quarterLabel(quarter));
  }
  return labels;
}

/** The quarter the address asks for, if it is one; otherwise undefined (the page opens on the current one). */
export function quarterParam(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && /^20\d{2}Q[1-4]$/.test(value) ? value : undefined;
}
