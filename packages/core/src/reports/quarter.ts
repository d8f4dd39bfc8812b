/** A calendar quarter, the period of a Rule 606(a)(1) report ("each calendar quarter"). */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const QUARTER = /^(\d{4})Q([1-4])$/;

/** "2016Q2" → { year: 2016, quarter: 2 }; years the SEC schema allows (2000-2099). */
export function parseQuarter(text: string): Quarter {
  const match = QUARTER.exec(text.trim().toUpperCase());
  const year = Number(match?.[1]);
  if (match === null || year < 2000 || year > 2099) {
    throw new RangeError(`quarter: expected YYYYQn with a year 2000-2099, got ${JSON.stringify(text)}`);
  }
  return { year, quarter: Number(match[2]) as Quarter["quarter"] };
}

export function quarterLabel(quarter: Quarter): string {
  return `${quarter.year}Q${quarter.quarter}`;
}

/** The quarter's three calendar months, 1-12. */
export function monthsOf(quarter: Quarter): [number, number, number] {
  const first = (quarter.quarter - 1) * 3 + 1;
  return [first, first + 1, first + 2];
}

/** [start, end) of the quarter in UTC: the report's timestamps and months are UTC, like the schema's. */
export function quarterBounds(quarter: Quarter): { from: Date; to: Date } {
  const first = (quarter.quarter - 1) * 3;
  return {
    from: new Date(Date.UTC(quarter.year, first, 1)),
    to: new Date(Date.UTC(quarter.year, first + 3, 1)),
  };
}

/** The quarter holding an instant (UTC). */
export function quarterOf(at: Date): Quarter {
  return { year: at.getUTCFullYear(), quarter: (Math.floor(at.getUTCMonth() / 3) + 1) as Quarter["quarter"] };
}

/** The quarter before this one. */
export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.quarter === 1
    ? { year: quarter.year - 1, quarter: 4 }
    : { year: quarter.year, quarter: (quarter.quarter - 1) as Quarter["quarter"] };
}
