/**
 * `GET /api/alerts/stream`: server-sent events (WHATWG HTML, "Server-sent events") of new and updated
 * alerts for the compliance workspace. Each alert is one `event: alert` whose data is the AlertNotice
 * JSON; a comment line every `heartbeatMs` keeps proxies from closing an idle stream. Compliance and
 * admin only, as the alerts themselves.
 */
import type { SessionUser } from "@nexus/api/auth";
import type { AlertFeed } from "./alert-feed";

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

  const encoder = new TextEncoder();
  let unsubscribe: (() => Promise<void>) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        clearInterval(heartbeat);
        void unsubscribe?.();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      request.signal.addEventListener("abort", close, { once: true });
      unsubscribe = await request.feed.subscribe((notice) =>
        controller.enqueue(encoder.encode(`event: alert\ndata: ${JSON.stringify(notice)}\n\n`)),
      );
      // Tells the browser the stream is live (and how long to wait before reconnecting).
      controller.enqueue(encoder.encode("retry: 3000\n: listening\n\n"));
      heartbeat = setInterval(
        () => controller.enqueue(encoder.encode(": heartbeat\n\n")),
        request.heartbeatMs ?? 15_000,
      );
      if (request.signal.aborted) close();
    },
    cancel() {
      clearInterval(heartbeat);
      void unsubscribe?.();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
