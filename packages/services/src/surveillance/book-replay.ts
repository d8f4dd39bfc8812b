/**
 * Order-book replay (issue 11): a symbol's book at any moment, rebuilt from the stored events of that
 * UTC day (core's replayBook over the matching engine's book), with where one event back and one
 * event forward go, so a reviewer can step through what the market saw around an alert.
 */
import { replayBook } from "@nexus/core/matching";
import type { BookReplayResult, ReplayedEvent } from "@nexus/core/matching";
import type { Database } from "@nexus/db/client";
import { replayBounds } from "@nexus/db/queries/book-replay";
import { readEventHistory } from "@nexus/db/queries/event-history";
import { z } from "zod";
import { parseOrRefuse } from "./errors";

export const bookReplayRequestSchema = z.strictObject({
  symbol: z.string().regex(/^[A-Z0-9.-]{1,20}$/, "expected 1-20 characters of A-Z 0-9 . -"),
  /** ISO-8601 UTC; microseconds allowed (an event's own time). */
  at: z.iso.datetime({ error: "expected an ISO-8601 UTC time ending in Z" }),
  depth: z.number().int().min(1).max(50).default(10),
  /** The user whose orders the ladder marks (an alert's). */
  highlightUserId: z.uuid().optional(),
});
export type BookReplayRequest = z.input<typeof bookReplayRequestSchema>;

export interface BookReplay extends BookReplayResult {
  symbol: string;
  at: string;
  /** The replay rebuilt the book from this time (the start of the UTC day). */
  origin: string;
  /** The next event's time: one event forward. */
  nextInstant: string | null;
  /** The first events of that next instant (what stepping forward applies; a burst is cut at RECENT_EVENTS). */
  upcoming: ReplayedEvent[];
  /** How many events that next instant holds. */
  upcomingCount: number;
}

/** How many applied (and upcoming) events come back for the page's tape. */
const RECENT_EVENTS = 25;

export async function replayOrderBook(db: Database, input: BookReplayRequest): Promise<BookReplay> {
  const request = parseOrRefuse(bookReplayRequestSchema, input);
  const bounds = await replayBounds(db, request.symbol, request.at);
  const symbols = [request.symbol];
  const [events, upcoming] = await Promise.all([
    readEventHistory(db, { symbols, from: bounds.origin, to: bounds.through }),
    bounds.next === null
      ? []
      : readEventHistory(db, { symbols, from: bounds.next.at, to: bounds.next.through }),
  ]);
  const result = replayBook(request.symbol, events, {
    depth: request.depth,
    recentEvents: RECENT_EVENTS,
    ...(request.highlightUserId === undefined ? {} : { highlightUserId: request.highlightUserId }),
  });
  return {
    ...result,
    symbol: request.symbol,
    at: request.at,
    origin: bounds.origin,
    nextInstant: bounds.next?.at ?? null,
    upcoming: upcoming.slice(0, RECENT_EVENTS),
    upcomingCount: upcoming.length,
  };
}
