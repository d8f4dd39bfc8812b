/**
 * The worker's operational HTTP surface: `/healthz` (the process is up), `/readyz` (its dependencies
 * answer and its work progresses; 503 naming what does not, with details such as the stalled
 * partitions) and `/metrics` (Prometheus text format).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/** A probe that failed and says why (e.g. which partitions are stalled); `detail` is sent as JSON. */
export interface NotReady {
  ready: false;
  detail: unknown;
}

/** A probe: resolves true when ready, false or a NotReady when not. Throwing counts as not ready. */
export type ReadinessCheck = () => Promise<boolean | NotReady>;

export interface HealthServerOptions {
  port: number;
  host?: string;
  checks: Record<string, ReadinessCheck>;
  renderMetrics: () => Promise<{ contentType: string; body: string }>;
  /** A probe that hangs (e.g. a half-open DB socket) must not hang the orchestrator's probe. */
  checkTimeoutMs?: number;
  /** Takes the server's WebSocket upgrade requests (portfolio-socket.ts); without it they are refused. */
  upgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface HealthServer {
  /** The bound port (useful with `port: 0`). */
  port: number;
  close(): Promise<void>;
}

export type CheckOutcome = "ok" | "failed" | "timeout";

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckOutcome>;
  failed: string[];
  /** What the failed probes that said why said, by probe name (absent when none did). */
  details?: Record<string, unknown>;
}

interface CheckResult {
  outcome: CheckOutcome;
  detail?: unknown;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: "timeout" }), timeoutMs);
  });
  const probe = check().then(
    (answer): CheckResult => {
      if (typeof answer !== "boolean") return { outcome: "failed", detail: answer.detail };
      return { outcome: answer ? "ok" : "failed" };
    },
    (): CheckResult => ({ outcome: "failed" }),
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every probe in parallel; ready only when all answered "ok". */
export async function checkReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
): Promise<Readiness> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
  );
  const failed = results.filter(([, { outcome }]) => outcome !== "ok").map(([name]) => name);
  const details = results.filter(([, result]) => "detail" in result);
  return {
    ready: failed.length === 0,
    checks: Object.fromEntries(results.map(([name, { outcome }]) => [name, outcome])),
    failed,
    ...(details.length > 0
      ? { details: Object.fromEntries(details.map(([name, { detail }]) => [name, detail])) }
      : {}),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const checkTimeoutMs = options.checkTimeoutMs ?? 2_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://worker").pathname;
    if (req.method !== "GET" && req.method !== "HEAD")
      return sendJson(res, 405, { error: "method not allowed" });
    switch (path) {
      case "/healthz":
        return sendJson(res, 200, { status: "ok" });
      case "/readyz": {
        const readiness = await checkReadiness(options.checks, checkTimeoutMs);
        return sendJson(res, readiness.ready ? 200 : 503, {
          status: readiness.ready ? "ready" : "not ready",
          checks: readiness.checks,
          ...(readiness.ready ? {} : { failed: readiness.failed }),
          ...(readiness.details ? { details: readiness.details } : {}),
        });
      }
      case "/metrics": {
        const { contentType, body } = await options.renderMetrics();
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
        return;
      }
      default:
        return sendJson(res, 404, { error: `no route ${path}`, routes: ["/healthz", "/readyz", "/metrics"] });
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (options.upgrade !== undefined) options.upgrade(request, socket, head);
    else socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
