import { Decimal } from "@nexus/core/money";
import { routeRequestSchema } from "@nexus/core/routing";
import type { NewVenueConfiguration, VenueConfigurationChange } from "@nexus/db/queries/routing";
import { z } from "zod";

const feeString = z
  .string({ error: "expected a fee per share as a decimal string" })
  .regex(/^-?\d{1,6}(\.\d{1,6})?$/, {
    error: "expected a fee per share as a decimal string, at most 6 decimals",
  });

const shares = z
  .string({ error: "expected a whole number of shares" })
  .regex(/^[1-9]\d{0,15}$/, { error: "expected a whole number of shares" });

const venueFields = z.strictObject({
  venueId: z
    .string({ error: "expected a venue id" })
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: "expected a venue id: letters, digits, . _ -" }),
  name: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean({ error: "expected true or false" }).optional(),
  makerFee: feeString.optional(),
  takerFee: feeString.optional(),
  minOrderSize: shares.nullable().optional(),
  maxOrderSize: shares.nullable().optional(),
  expectedLatencyMs: z.int({ error: "expected whole milliseconds" }).min(0).max(60_000).optional(),
  supportedSymbols: z.array(routeRequestSchema.shape.symbol).max(10_000).optional(),
  priority: z.int({ error: "expected a whole number from 0 to 1000" }).min(0).max(1000).optional(),
});

const sizesInOrder = (sizes: { minOrderSize?: string | null; maxOrderSize?: string | null }) =>
  sizes.minOrderSize == null ||
  sizes.maxOrderSize == null ||
  new Decimal(sizes.minOrderSize).lte(new Decimal(sizes.maxOrderSize));
const sizesRule = { error: "must not exceed maxOrderSize", path: ["minOrderSize"] };

/**
 * What ops may change on a venue (the venue configuration editor, `routing.updateVenue`): fees (negative
 * = rebate), enablement, the symbols it trades (empty = all), order size limits, the latency the router
 * assumes before measuring, and the priority that breaks ties.
 */
export const venueConfigurationChangeSchema = venueFields.refine(sizesInOrder, sizesRule);

/** A venue ops add (`routing.addVenue`): its identity, type and fees are required, the rest as above. */
export const newVenueConfigurationSchema = venueFields
  .extend({
    name: z.string().trim().min(1).max(100),
    venueType: z.enum(["exchange", "ats", "dark_pool", "market_maker", "internal"], {
      error: "expected exchange, ats, dark_pool, market_maker or internal",
    }),
    /** ISO 10383 market identifier code, for the Rule 606 report. */
    mic: z
      .string()
      .regex(/^[A-Z0-9]{4}$/, { error: "expected a 4-character MIC" })
      .optional(),
    makerFee: feeString,
    takerFee: feeString,
    expectedLatencyMs: z.int({ error: "expected whole milliseconds" }).min(0).max(60_000),
  })
  .refine(sizesInOrder, sizesRule);
export type NewVenueConfigurationInput = z.input<typeof newVenueConfigurationSchema>;
export type VenueConfigurationInput = z.input<typeof venueConfigurationChangeSchema>;

const toDecimal = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Decimal(value);

/** The new venue's row from a parsed input (decimal strings to Decimal). */
export function toNewVenueConfiguration(
  input: z.output<typeof newVenueConfigurationSchema>,
): NewVenueConfiguration {
  const { venueId, name, venueType, mic, expectedLatencyMs, ...change } = input;
  return {
    ...toVenueConfigurationChange({ venueId, ...change }),
    venueId,
    name,
    venueType,
    mic,
    expectedLatencyMs,
    makerFee: new Decimal(input.makerFee),
    takerFee: new Decimal(input.takerFee),
  };
}

/** The database change of a parsed input (decimal strings to Decimal; absent fields left as they are). */
export function toVenueConfigurationChange(
  input: z.output<typeof venueConfigurationChangeSchema>,
): VenueConfigurationChange {
  const { venueId: _venueId, makerFee, takerFee, minOrderSize, maxOrderSize, ...rest } = input;
  const change: VenueConfigurationChange = { ...rest };
  if (makerFee !== undefined) change.makerFee = new Decimal(makerFee);
  if (takerFee !== undefined) change.takerFee = new Decimal(takerFee);
  const min = toDecimal(minOrderSize);
  const max = toDecimal(maxOrderSize);
  if (min !== undefined) change.minOrderSize = min;
  if (max !== undefined) change.maxOrderSize = max;
  return change;
}
