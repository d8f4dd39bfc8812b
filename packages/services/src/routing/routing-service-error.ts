/** Why a routing request was refused before it reached the router. */
export type RoutingServiceProblem = "invalid" | "unknown_venue" | "duplicate_venue" | "unavailable";

/** A refusal the caller can act on; its message names the field or the venue. */
export class RoutingServiceError extends Error {
  override readonly name = "RoutingServiceError";

  constructor(
    readonly problem: RoutingServiceProblem,
    message: string,
  ) {
    super(message);
  }
}
