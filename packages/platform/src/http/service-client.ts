/**
 * Base of the clients of other services (risk, notifications, market data, orders). Per call:
 *   retry (idempotent calls only) -> circuit breaker -> per-attempt timeout -> fetch
 * Retries use exponential backoff with decorrelated jitter (cockatiel's default generator; AWS
 * Architecture Blog, "Exponential Backoff and Jitter", 2015) and only on transient failures
 * (network error, timeout, 429, 5xx). A POST is retried only with an idempotency key, since a timed-out
 * POST may have been applied. The breaker opens after N consecutive transient failures, fails fast
 * with ServiceUnavailableError, and after `halfOpenAfterMs` lets one probe through (other calls fail
 * fast while it runs); `state()` turns "half-open" when that probe starts.
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
} from "cockatiel";
import type { z } from "zod";
import {
  ServiceHttpError,
  ServiceNetworkError,
  ServiceResponseError,
  ServiceTimeoutError,
  ServiceUnavailableError,
  isTransientFailure,
} from "./errors";

export * from "./errors";

export interface ServiceClientOptions {
  /** Service name used in errors and logs, e.g. "risk". */
  name: string;
  baseUrl: string;
  /** Limit for one attempt, not for the whole call with its retries. */
  timeoutMs: number;
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/**
 * The policy of a client that reads from another service on a request's path (market data, orders):
 * 2 s an attempt, one retry, and the breaker open after 5 transient failures for 30 s.
 */
export const READ_CLIENT_POLICY = {
  timeoutMs: 2_000,
  retry: { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 1_000 },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
} as const satisfies Omit<ServiceClientOptions, "name" | "baseUrl">;

/** Such a client's options: its base URL, the rest READ_CLIENT_POLICY unless given. */
export type ReadClientOptions = Pick<ServiceClientOptions, "baseUrl"> &
  Partial<Omit<ServiceClientOptions, "baseUrl" | "name">>;

export interface PostOptions {
  /** Makes the POST safe to retry; sent as the `Idempotency-Key` header. */
  idempotencyKey?: string;
}

export type BreakerState = "closed" | "open" | "half-open";

export interface ServiceClient {
  get<T>(path: string, schema?: z.ZodType<T>): Promise<T>;
  post<T>(path: string, body: unknown, schema?: z.ZodType<T>, options?: PostOptions): Promise<T>;
  state(): BreakerState;
}

const assertPositive = (name: string, value: number, minimum: number): void => {
  if (!Number.isFinite(value) || value < minimum)
    throw new RangeError(`${name} must be >= ${minimum}, got ${value}`);
};

const breakerStates: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "open",
};

export const createServiceClient = (options: ServiceClientOptions): ServiceClient => {
  const { name, timeoutMs } = options;
  assertPositive("timeoutMs", timeoutMs, 1);
  assertPositive("retry.maxAttempts", options.retry.maxAttempts, 1);
  assertPositive("breaker.consecutiveFailures", options.breaker.consecutiveFailures, 1);
  const fetchImpl = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;

  const timeoutPolicy = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const breakerPolicy = circuitBreaker(handleWhen(isTransientFailure), {
    halfOpenAfter: options.breaker.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
  });
  // cockatiel counts retries, our option counts attempts (the first call included).
  const retryPolicy = retry(handleWhen(isTransientFailure), {
    maxAttempts: options.retry.maxAttempts - 1,
    backoff: new ExponentialBackoff({
      initialDelay: options.retry.initialDelayMs,
      maxDelay: options.retry.maxDelayMs,
    }),
  });

  const attempt = async (path: string, init: RequestInit, signal: AbortSignal): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetchImpl(new URL(path.replace(/^\//, ""), baseUrl), { ...init, signal });
    } catch (error) {
      if (signal.aborted) throw new ServiceTimeoutError(name, timeoutMs);
      throw new ServiceNetworkError(name, error);
    }
    const text = await response.text();
    if (!response.ok) throw new ServiceHttpError(name, response.status, text);
    if (text === "") return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new ServiceResponseError(name, path, "body is not JSON");
    }
  };

  const attemptWithTimeout = async (path: string, init: RequestInit): Promise<unknown> => {
    try {
      return await timeoutPolicy.execute(({ signal }) => attempt(path, init, signal));
    } catch (error) {
      if (error instanceof TaskCancelledError) throw new ServiceTimeoutError(name, timeoutMs);
      throw error;
    }
  };

  const call = async <T>(
    path: string,
    init: RequestInit,
    idempotent: boolean,
    schema?: z.ZodType<T>,
  ): Promise<T> => {
    const guarded = () => {
      // cockatiel queues calls behind a half-open probe; we fail them fast like an open breaker instead,
      // so callers on the order path never pile up behind a service that may still be down.
      if (breakerPolicy.state === CircuitState.HalfOpen) throw new ServiceUnavailableError(name);
      return breakerPolicy.execute(() => attemptWithTimeout(path, init));
    };
    let body: unknown;
    try {
      body = idempotent ? await retryPolicy.execute(guarded) : await guarded();
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new ServiceUnavailableError(name);
      throw error;
    }
    if (!schema) return body as T;
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new ServiceResponseError(
        name,
        path,
        parsed.error.issues
          .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
          .join("; "),
      );
    return parsed.data;
  };

  const headers = { accept: "application/json", ...options.headers };

  return {
    get: (path, schema) => call(path, { method: "GET", headers }, true, schema),
    post: (path, body, schema, { idempotencyKey } = {}) =>
      call(
        path,
        {
          method: "POST",
          headers: {
            ...headers,
            "content-type": "application/json",
            ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
          },
          body: JSON.stringify(body),
        },
        idempotencyKey !== undefined,
        schema,
      ),
    state: () => breakerStates[breakerPolicy.state],
  };
};
