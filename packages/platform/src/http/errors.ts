/** Typed failures of calls to other services; every one names the service so logs and alerts can. */
export class ServiceError extends Error {
  constructor(
    readonly service: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${service}: ${message}`, options);
    this.name = new.target.name;
  }
}

/** One attempt took longer than `timeoutMs`. */
export class ServiceTimeoutError extends ServiceError {
  constructor(
    service: string,
    readonly timeoutMs: number,
  ) {
    super(service, `no response within ${timeoutMs} ms`);
  }
}

/** The service answered with a non-2xx status. */
export class ServiceHttpError extends ServiceError {
  constructor(
    service: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(service, `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ""}`);
  }
}

/** Connection refused, reset, DNS failure: the request may or may not have reached the service. */
export class ServiceNetworkError extends ServiceError {
  constructor(service: string, cause: unknown) {
    super(service, `network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The circuit breaker is open: the call was not attempted. */
export class ServiceUnavailableError extends ServiceError {
  constructor(service: string) {
    super(service, "service unavailable (circuit open after consecutive failures)");
  }
}

/** A 2xx response whose body is not what the schema promised. */
export class ServiceResponseError extends ServiceError {
  constructor(service: string, path: string, problem: string) {
    super(service, `unexpected response from ${path}: ${problem}`);
  }
}

/** Failures worth retrying and counting against the breaker: the service, not the request, is at fault. */
export const isTransientFailure = (error: unknown): boolean =>
  error instanceof ServiceTimeoutError ||
  error instanceof ServiceNetworkError ||
  (error instanceof ServiceHttpError && (error.status === 429 || error.status >= 500));
