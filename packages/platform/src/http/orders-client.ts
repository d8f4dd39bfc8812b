/**
 * Client of the Orders service (ORDERS_SERVICE_URL), the system of record for what each account holds
 * when the firm runs one: a user's positions, through the service client (per-attempt timeout, retry
 * with backoff, circuit breaker). The service's contract, as this client reads it (docs/architecture.md,
 * "Orders service"):
 *
 *   GET {ORDERS_SERVICE_URL}/users/{userId}/positions
 *   200 {"positions": [{"symbol": "AAPL", "quantity": "-100", "average_cost": "157.48",
 *                        "realized_pnl": "12.50"}, ...]}
 *
 * Quantities and amounts are decimal strings (money is never a float on the wire); a negative quantity is
 * a short position; a symbol the user does not hold is absent.
 */
import { z } from "zod";
import { READ_CLIENT_POLICY, createServiceClient } from "./service-client";
import type { BreakerState, ReadClientOptions } from "./service-client";

const signedDecimal = z.string().regex(/^-?\d{1,18}(\.\d{1,12})?$/, { error: "expected a decimal string" });

export const servicePositionSchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9.-]{1,20}$/, { error: "expected 1-20 characters of A-Z 0-9 . -" }),
  quantity: signedDecimal,
  average_cost: signedDecimal,
  realized_pnl: signedDecimal.default("0"),
});
export type ServicePosition = z.output<typeof servicePositionSchema>;

/** One entry per symbol: two would leave the position to replace ambiguous, so such an answer is refused. */
const positionsResponse = z.object({
  positions: z
    .array(servicePositionSchema)
    .refine((positions) => new Set(positions.map((position) => position.symbol)).size === positions.length, {
      error: "a symbol is listed more than once",
    }),
});

export interface OrdersClient {
  /** The user's positions as the Orders service holds them. */
  positions(userId: string): Promise<ServicePosition[]>;
  state(): BreakerState;
}

export type OrdersClientOptions = ReadClientOptions;

export function createOrdersClient(options: OrdersClientOptions): OrdersClient {
  const client = createServiceClient({ name: "orders", ...READ_CLIENT_POLICY, ...options });
  return {
    async positions(userId) {
      const answer = await client.get(`/users/${encodeURIComponent(userId)}/positions`, positionsResponse);
      return answer.positions;
    },
    state: () => client.state(),
  };
}
