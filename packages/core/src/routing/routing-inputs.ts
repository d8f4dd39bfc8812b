import { z } from "zod";
import { sideEnum, symbolString, uuidString } from "../events/fields";
import { MAX_ORDER_SHARES } from "../matching/index";
import { Decimal } from "../money";
import { isOnPriceGrid, minimumPriceIncrement } from "./price-increment";

/**
 * Schemas of what callers hand the router: the route request, the split's venue budget and the router's
 * own settings. The router refuses anything they refuse (RoutingInputError), so a JavaScript caller, a
 * JSON body or a typo cannot turn into a different order: "BUY" is not a sell, a NaN limit is not "no
 * limit", an unknown key is not ignored. They are exported for the routing API to parse its input with
 * (after turning decimal strings into Decimal), so that both name the same field with the same words.
 */

/** A Decimal of any configuration (decimal.js's own check), not a number or a string that looks like one. */
const decimal = z.custom<Decimal>((value) => Decimal.isDecimal(value), { error: "expected a Decimal" });

const quantity = decimal.superRefine((shares, context) => {
  if (!(shares.isInteger() && shares.gte(1) && shares.lte(MAX_ORDER_SHARES))) {
    context.addIssue({
      code: "custom",
      // The split sweeps integer share counts as JS numbers; the engine's cap keeps them far below 2^53.
      message: `expected a whole number of shares from 1 to ${MAX_ORDER_SHARES}, got ${shares.toFixed()}`,
    });
  }
});

const limitPrice = decimal.superRefine((price, context) => {
  if (!(price.isFinite() && price.gt(0))) {
    context.addIssue({ code: "custom", message: `expected a positive price, got ${price.toFixed()}` });
  } else if (!isOnPriceGrid(price)) {
    // A lit venue's child order is limited to a quoted level, but a dark pool gets the order's own limit.
    context.addIssue({
      code: "custom",
      message: `${price.toFixed()} is off the ${minimumPriceIncrement(price).toFixed()} price grid of Reg NMS Rule 612`,
    });
  }
});

const probability = z
  .number({ error: "expected a probability from 0 to 1" })
  .min(0, { error: "expected a probability from 0 to 1" })
  .max(1, { error: "expected a probability from 0 to 1" });

const positiveMilliseconds = z
  .number({ error: "expected a number of milliseconds > 0" })
  .positive({ error: "expected a number of milliseconds > 0" });

const nonNegativeMilliseconds = z
  .number({ error: "expected a number of milliseconds >= 0" })
  .nonnegative({ error: "expected a number of milliseconds >= 0" });

const atLeastOne = (what: string) =>
  z
    .int({ error: `expected a whole number of ${what}, at least 1` })
    .min(1, { error: `expected a whole number of ${what}, at least 1` });

export const routingConstraintsSchema = z.strictObject({
  maxFeePerShare: decimal
    .refine((fee) => fee.isFinite(), { error: "expected a finite fee per share" })
    .optional(),
  minFillRate: probability.optional(),
  maxLatencyMs: nonNegativeMilliseconds.optional(),
  excludedVenues: z
    .array(z.string({ error: "expected a venue id" }), { error: "expected a list of venue ids" })
    .readonly()
    .optional(),
});

/**
 * A RouteRequest. Ids are UUIDs and the symbol is the contract's, since both go into the routing events
 * and the matching engine takes them as validated (matching-engine.ts).
 */
export const routeRequestSchema = z.strictObject({
  orderId: uuidString,
  userId: uuidString,
  symbol: symbolString,
  side: sideEnum,
  quantity,
  limitPrice: limitPrice.nullish(),
  strategy: z.string({ error: "expected a strategy name" }),
  constraints: routingConstraintsSchema.optional(),
  handling: z.enum(["held", "not_held"], { error: 'expected "held" or "not_held"' }).optional(),
});

/** splitOrder's venue budget, as `{ maxVenues }`. */
export const splitVenuesSchema = z.object({ maxVenues: atLeastOne("venues") });

/** The numeric settings of SmartOrderRouterOptions (its clock, ids and timer are functions). */
export const routerSettingsSchema = z.object({
  quoteTtlMs: positiveMilliseconds
    .lt(1000, { error: "expected a TTL under 1000 ms: quotes older than a second are not a market" })
    .optional(),
  venueTimeoutMs: positiveMilliseconds.optional(),
  breaker: z.object({ failureThreshold: atLeastOne("failures"), openMs: positiveMilliseconds }).optional(),
  statistics: z
    .object({
      fillRateAlpha: z
        .number({ error: "expected a weight in (0, 1]" })
        .positive({ error: "expected a weight in (0, 1]" })
        .max(1, { error: "expected a weight in (0, 1]" }),
      latencyWindow: atLeastOne("responses"),
    })
    .optional(),
});

/** One refused input, named by its path as the API reports it ("constraints.minFillRate"). */
export interface RoutingInputIssue {
  field: string;
  message: string;
}

/** The router's answer to input its schemas refuse: every bad field at once. */
export class RoutingInputError extends RangeError {
  override readonly name = "RoutingInputError";

  constructor(
    what: string,
    readonly issues: readonly RoutingInputIssue[],
  ) {
    super(`invalid ${what}: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
  }
}

const fieldOf = (path: readonly PropertyKey[]): string => path.map(String).join(".");

/**
 * The value as the schema reads it, or a RoutingInputError naming each bad field. A key the schema does
 * not know is named itself ("limitprice: unknown field"): a misspelt limit must not route as a market order.
 */
export function parseRoutingInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: "unknown field" }))
      : [{ field: fieldOf(issue.path), message: issue.message }],
  );
  throw new RoutingInputError(what, issues);
}
