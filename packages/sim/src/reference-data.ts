import type { Desk, SurveillanceReferenceData } from "@nexus/core/surveillance";
import type { Population } from "./agents/agent";

/**
 * The reference data a simulated population implies (issue 10: surveillance knows who is who): its
 * registered market makers, its desks (agency users and the principal traders who share their
 * information), accounts under one beneficial owner and linked accounts. What the simulator's
 * `referenceData()` returns; the evaluation and the worker's embedded demo give it to the engine.
 */
export function simulatedReferenceData(populations: readonly Population[]): SurveillanceReferenceData {
  const parts = populations.flatMap((population) =>
    population.reference === undefined ? [] : [population.reference()],
  );
  return {
    relatedAccounts: parts.flatMap((part) => part.relatedAccounts),
    beneficialOwners: Object.assign({}, ...parts.map((part) => part.beneficialOwners)) as Record<
      string,
      string
    >,
    desks: parts.flatMap((part): Desk[] => [...part.desks]),
    marketMakers: parts.flatMap((part) => part.marketMakers),
  };
}
