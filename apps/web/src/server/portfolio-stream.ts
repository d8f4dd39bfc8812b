/**
 * `GET /api/portfolio/stream?user=<id>`: server-sent events (event-stream.ts) telling an open Portfolio
 * screen that the user's positions changed: one `event: positions` with data `{"userId": ...}` as each
 * transaction applying their trades commits (POSITIONS_CHANNEL), so the screen refetches at once
 * instead of waiting for its next poll. The same rule as the portfolio procedures: traders watch only
 * their own book, compliance and admin anyone's, ops nobody's.
 */
import type { SessionUser } from "@nexus/api/auth";
import type { ChannelFeed } from "./channel-feed";
import { eventStreamResponse } from "./event-stream";

export interface PortfolioStreamRequest {
  user: SessionUser | null;
  /** The book watched (the signed-in user's by default). */
  userId: string | null;
  /** User ids whose positions changed, as they commit. */
  feed: ChannelFeed<string>;
  signal: AbortSignal;
  heartbeatMs?: number;
}

const MAY_WATCH_ANY: ReadonlySet<SessionUser["role"]> = new Set(["compliance", "admin"]);

export function portfolioStreamResponse(request: PortfolioStreamRequest): Response {
  const { user } = request;
  if (user === null) return new Response("Sign in to watch a portfolio.\n", { status: 401 });
  const userId = request.userId ?? user.id;
  const own = user.role === "trader" && userId === user.id;
  if (!own && !MAY_WATCH_ANY.has(user.role)) {
    return new Response("Traders may watch only their own portfolio.\n", { status: 403 });
  }
  return eventStreamResponse({
    signal: request.signal,
    heartbeatMs: request.heartbeatMs,
    subscribe: (send) =>
      request.feed.subscribe((changed) => {
        if (changed === userId) send("positions", { userId });
      }),
  });
}
