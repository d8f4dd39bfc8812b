/**
 * `GET /api/alerts/stream`: server-sent events (WHATWG HTML, "Server-sent events") of new and updated
 * alerts for the compliance workspace (event-stream.ts). Each alert is one `event: alert` whose data is
 * the AlertNotice JSON. Compliance and admin only, as the alerts themselves.
 */
import type { SessionUser } from "@nexus/api/auth";
import type { AlertFeed } from "./alert-feed";
import { eventStreamResponse } from "./event-stream";

export interface AlertStreamRequest {
  user: SessionUser | null;
  feed: AlertFeed;
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
  heartbeatMs?: number;
}

const MAY_WATCH_ALERTS: ReadonlySet<SessionUser["role"]> = new Set(["compliance", "admin"]);

export async function alertStreamResponse(request: AlertStreamRequest): Promise<Response> {
  if (request.user === null) return new Response("Sign in to watch alerts.\n", { status: 401 });
  if (!MAY_WATCH_ALERTS.has(request.user.role))
    return new Response("Alerts are for compliance and admin.\n", { status: 403 });

  return eventStreamResponse({
    signal: request.signal,
    heartbeatMs: request.heartbeatMs,
    subscribe: (send) => request.feed.subscribe((notice) => send("alert", notice)),
  });
}
