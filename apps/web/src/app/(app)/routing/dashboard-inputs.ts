/**
 * The dashboard's window and page, shared by the server page (prefetch) and the client dashboard. In a
 * module of their own: a value exported from a "use client" module reaches a server component as a
 * client reference, not as the value, so the prefetch would ask with a different input.
 */
export const STATS_INPUT = { sinceMinutes: 24 * 60 };
export const DECISIONS_INPUT = { limit: 50 };
export const BREAKER_INPUT = { sinceHours: 24 };
export const DISTRIBUTION_INPUT = { sinceMinutes: 60, bucketSeconds: 60 };
export const PERFORMANCE_INPUT = { periodType: "hour" as const, sinceHours: 6 };
