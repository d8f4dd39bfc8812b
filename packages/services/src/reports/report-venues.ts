import { Decimal } from "@nexus/core/money";
import type { ReportVenue } from "@nexus/core/reports";
import type { Database } from "@nexus/db/client";
import { listMaterialAspects } from "@nexus/db/queries/best-execution";
import { listVenueConfigurations, type VenueConfiguration } from "@nexus/db/queries/routing";

/** "$0.0030", "-$0.0020": the sign before the dollar sign, as amounts are written. */
const perShare = (value: Decimal) => `${value.isNegative() ? "-" : ""}$${value.abs().toFixed(4)}`;

/**
 * The discussion a venue gets until ops write one (Rule 606(a)(1)(iv)): the arrangements the venue's
 * configuration states — payment for order flow and the fee schedule — and nothing it cannot know.
 */
export function configuredMaterialAspects(venue: VenueConfiguration): string {
  const pfof = venue.paymentForOrderFlow.isZero()
    ? "No payment for order flow is received from this venue."
    : `Payment for order flow received: ${perShare(venue.paymentForOrderFlow)} per share executed.`;
  return `${pfof} Fees per share under the venue's schedule: ${perShare(venue.takerFee)} to remove liquidity, ${perShare(venue.makerFee)} to provide it (a negative fee is a rebate received).`;
}

/** Every configured venue as the reports name it, with the material aspects ops wrote (or the default). */
export interface ConfiguredReportVenue extends ReportVenue {
  venueType: VenueConfiguration["venueType"];
  /** Whether ops wrote the material aspects (false: the configured default). */
  edited: boolean;
}

export async function loadReportVenues(db: Database): Promise<ConfiguredReportVenue[]> {
  const [venues, aspects] = await Promise.all([listVenueConfigurations(db), listMaterialAspects(db)]);
  const texts = new Map(aspects.map((row) => [row.venueId, row.text]));
  return venues.map((venue) => {
    const text = texts.get(venue.venueId);
    return {
      venueId: venue.venueId,
      name: venue.name,
      mic: venue.mic,
      venueType: venue.venueType,
      paymentForOrderFlowPerShare: new Decimal(venue.paymentForOrderFlow),
      materialAspects: text ?? configuredMaterialAspects(venue),
      edited: text !== undefined,
    };
  });
}
