import { Decimal } from "@nexus/core/money";
import { parseRoutingInput, routeRequestSchema, type RouteRequest } from "@nexus/core/routing";
import { z } from "zod";

/**
 * A route request as JSON carries it: decimals as strings (never JSON numbers, which would round a price).
 * This schema checks only the wire types; what the values mean (a whole number of shares, a limit on the
 * Rule 612 grid, a probability) is core's routeRequestSchema, applied by parseRouteInput, so the API and
 * the router name a bad field with the same words.
 */
const decimalString = z
  .string({ error: "expected a decimal string" })
  .regex(/^-?\d+(\.\d+)?$/, { error: "expected a decimal string" });

export const routeInputSchema = z.strictObject({
  orderId: z.string({ error: "expected a UUID string" }),
  userId: z.string({ error: "expected a UUID string" }),
  symbol: z.string({ error: "expected a symbol" }),
  side: z.string({ error: 'expected "buy" or "sell"' }),
  quantity: decimalString,
  limitPrice: decimalString.nullish(),
  strategy: z.string({ error: "expected a strategy name" }),
  constraints: z
    .strictObject({
      maxFeePerShare: decimalString.optional(),
      minFillRate: z.number({ error: "expected a probability from 0 to 1" }).optional(),
      maxLatencyMs: z.number({ error: "expected a number of milliseconds >= 0" }).optional(),
      excludedVenues: z.array(z.string({ error: "expected a venue id" })).optional(),
    })
    .optional(),
  handling: z.string({ error: 'expected "held" or "not_held"' }).optional(),
});
export type RouteInput = z.input<typeof routeInputSchema>;

/** The route request the router takes, or core's RoutingInputError naming every bad field. */
export function parseRouteInput(input: RouteInput): RouteRequest {
  const wire = parseRoutingInput(routeInputSchema, input, "route request");
  const { constraints } = wire;
  return parseRoutingInput(
    routeRequestSchema,
    {
      ...wire,
      quantity: new Decimal(wire.quantity),
      limitPrice: wire.limitPrice == null ? wire.limitPrice : new Decimal(wire.limitPrice),
      constraints:
        constraints === undefined
          ? undefined
          : {
              ...constraints,
              maxFeePerShare:
                constraints.maxFeePerShare === undefined
                  ? undefined
                  : new Decimal(constraints.maxFeePerShare),
            },
    },
    "route request",
  );
}
