/**
 * The dashboard's window and page, shared by the server page (prefetch) and the client dashboard. In a
 * module of their own: a value exported from a "use client" module reaches a server component as a
 * client reference, not as the value, so the prefetch would ask with a different input.
 */
export const STATS_INPUT = { sinceMinutes: 24 * 60 };
export const DECISIONS_INPUT = { limit: 50 };
