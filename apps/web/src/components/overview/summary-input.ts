/**
 * What the overview asks `overview.summary` for. Shared by the server prefetch and the client query,
 * which must use the same input to hit the same cache entry (a plain module: a "use client" module's
 * exports reach server components only as references).
 */
export const OVERVIEW_INPUT = { tradesLimit: 20, symbolsLimit: 10 } as const;

/** How often the overview asks again; the simulator (or Kafka ingest) adds events continuously. */
export const OVERVIEW_REFRESH_MS = 5_000;
