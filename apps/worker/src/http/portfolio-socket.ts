/**
 * `GET /ws/portfolio?user=<id>` upgraded to a WebSocket (RFC 6455, the `ws` library) on the worker's HTTP
 * server: streams a user's portfolio metrics to other clients (a risk dashboard, another service). On
 * connecting, and each time a transaction changing the user's positions commits (POSITIONS_CHANNEL), the
 * socket gets one `portfolio.metrics` message: the refreshed summary and VaR figures the Portfolio screen
 * shows. Messages are described in the AsyncAPI document (/api/asyncapi.json, channel `portfolioSocket`).
 *
 * Who may watch whom is the portfolio procedures' rule (packages/api router/portfolio.ts): a trader's
 * session its own user only; compliance and admin sessions anyone (named by `user`); an API key holding
 * `portfolio:read` anyone it names; everyone else is refused before the upgrade (401 without valid
 * credentials, 403 for a user they may not watch, 400 for a malformed `user`). Credentials are the
 * session cookie or `Authorization: Bearer <api key>`; never a query parameter (it would end up in logs).
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { PORTFOLIO_SOCKET_PATH } from "@nexus/core/events/asyncapi";
import { WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import type { Logger } from "@nexus/platform/logger";

/** Who opened the socket, as the credentials say. */
export type SocketCaller =
  | { kind: "user"; id: string; role: "trader" | "compliance" | "ops" | "admin" }
  | { kind: "service"; scopes: readonly string[] };

export interface PortfolioSocketOptions {
  /** The caller behind the request's credentials, or null when there are none or they are not valid. */
  authenticate(request: IncomingMessage): Promise<SocketCaller | null>;
  /** The message for the user's current book (summary and VaR). */
  metrics(userId: string): Promise<unknown>;
  /** Calls `listener` with each user id whose positions changed; resolves once listening, to the unlisten. */
  onPositionsChanged(listener: (userId: string) => void): Promise<() => Promise<void>>;
  logger: Logger;
  /** Ping interval keeping idle connections through proxies and load balancers. Default 30 s. */
  heartbeatMs?: number;
}

export interface PortfolioSocket {
  /** The HTTP server's `upgrade` handler. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open sockets (tests, metrics). */
  connections(): number;
  close(): Promise<void>;
}

const MAY_WATCH_ANYONE: ReadonlySet<string> = new Set(["compliance", "admin"]);
const userIdSchema = z.uuid();

/** The user this caller may watch when asking for `asked` (null: their own), or why not. */
export function watchedUser(
  caller: SocketCaller,
  asked: string | null,
): { ok: true; userId: string } | { ok: false; status: 400 | 403; reason: string } {
  if (asked !== null && !userIdSchema.safeParse(asked).success) {
    return { ok: false, status: 400, reason: "user must be a user id (UUID)" };
  }
  if (caller.kind === "service") {
    if (!caller.scopes.includes("portfolio:read"))
      return { ok: false, status: 403, reason: "the API key lacks the portfolio:read scope" };
    if (asked === null) return { ok: false, status: 400, reason: "an API key must name the user to watch" };
    return { ok: true, userId: asked };
  }
  const userId = asked ?? caller.id;
  if (userId === caller.id && caller.role === "trader") return { ok: true, userId };
  if (MAY_WATCH_ANYONE.has(caller.role)) return { ok: true, userId };
  return {
    ok: false,
    status: 403,
    reason: caller.role === "trader" ? "traders may watch only their own portfolio" : "no portfolio access",
  };
}

const STATUS_TEXT = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" } as const;

/** Answers an upgrade request with a plain HTTP refusal and closes the connection. */
function refuse(socket: Duplex, status: keyof typeof STATUS_TEXT, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createPortfolioSocket(options: PortfolioSocketOptions): PortfolioSocket {
  const server = new WebSocketServer({ noServer: true });
  /** Open sockets by the user they watch. */
  const watchers = new Map<string, Set<WebSocket>>();
  /** Users whose metrics are being computed; `again` when a change arrived meanwhile. */
  const refreshing = new Map<string, { again: boolean }>();
  let unlisten: Promise<() => Promise<void>> | undefined;

  const send = (userId: string, text: string) => {
    for (const socket of watchers.get(userId) ?? [])
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
  };

  /**
   * Computes the user's metrics and sends them to each of their sockets. One computation per user at a
   * time: changes arriving meanwhile are folded into one more round, so a burst of trades costs two
   * computations, not one per trade.
   */
  function refresh(userId: string): void {
    const running = refreshing.get(userId);
    if (running !== undefined) {
      running.again = true;
      return;
    }
    const round = { again: true };
    refreshing.set(userId, round);
    void (async () => {
      while (round.again && (watchers.get(userId)?.size ?? 0) > 0) {
        round.again = false;
        try {
          send(userId, JSON.stringify(await options.metrics(userId)));
        } catch (error) {
          options.logger.warn({ err: error, userId }, "portfolio socket: metrics failed");
        }
      }
      refreshing.delete(userId);
    })();
  }

  const heartbeat = setInterval(() => {
    for (const socket of server.clients) socket.ping();
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  async function accept(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? "/", "http://worker");
    if (url.pathname !== PORTFOLIO_SOCKET_PATH) return refuse(socket, 404, `no WebSocket at ${url.pathname}`);
    const caller = await options.authenticate(request);
    if (caller === null)
      return refuse(socket, 401, "sign in, or present an API key as Authorization: Bearer");
    const asked = url.searchParams.get("user");
    const watched = watchedUser(caller, asked);
    if (!watched.ok) return refuse(socket, watched.status, watched.reason);
    const listening = (unlisten ??= options.onPositionsChanged((userId) => {
      if (watchers.has(userId)) refresh(userId);
    }));
    // A failed LISTEN is not kept: the next connection tries again.
    await listening.catch((error: unknown) => {
      if (unlisten === listening) unlisten = undefined;
      throw error;
    });
    server.handleUpgrade(request, socket, head, (ws) => {
      const { userId } = watched;
      const set = watchers.get(userId) ?? new Set();
      watchers.set(userId, set.add(ws));
      ws.on("close", () => {
        set.delete(ws);
        if (set.size === 0) watchers.delete(userId);
      });
      refresh(userId);
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      accept(request, socket, head).catch((error: unknown) => {
        options.logger.error({ err: error }, "portfolio socket: upgrade failed");
        socket.destroy();
      });
    },
    connections: () => server.clients.size,
    async close() {
      clearInterval(heartbeat);
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await (
        await unlisten?.catch(() => undefined)
      )?.();
    },
  };
}
