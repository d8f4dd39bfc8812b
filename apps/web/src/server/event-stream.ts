/**
 * A server-sent event stream (WHATWG HTML, "Server-sent events") of one subscription: each notice is an
 * `event: <name>` whose data is JSON; a comment line every `heartbeatMs` keeps proxies from closing an
 * idle stream; the subscription ends when the browser goes away.
 */
export interface EventStreamRequest {
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Starts the subscription, calling `send` per notice; resolves to its unsubscribe. */
  subscribe: (send: (event: string, data: unknown) => void) => Promise<() => Promise<void>>;
}

export function eventStreamResponse(request: EventStreamRequest): Response {
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
      unsubscribe = await request.subscribe((event, data) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
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
