import { z } from "zod";

/**
 * Who is who, as surveillance needs it (issue 10): accounts under one beneficial owner and other
 * linked accounts (wash trading is trading with yourself, FINRA Rule 6140(b) and SEC Rule 10b-5 cases
 * are brought by beneficial owner, not by account), the desks whose agency and principal traders share
 * information (front running, FINRA Rule 5270, is a principal trading ahead of its own firm's block),
 * and registered market makers (whose two-sided quoting and frequent cancels are their obligation).
 */
export interface SurveillanceReferenceData {
  /** Pairs of linked account ids (family, affiliates, common control). */
  relatedAccounts: ReadonlyArray<readonly [string, string]>;
  /** account id -> beneficial owner id. */
  beneficialOwners: Readonly<Record<string, string>>;
  desks: ReadonlyArray<Desk>;
  /** User ids of registered market makers. */
  marketMakers: readonly string[];
}

export interface Desk {
  deskId: string;
  /** Users who work customers' (agency) orders for the desk. */
  agencyUsers: readonly string[];
  /** Users who trade the firm's own account (principal) on the desk. */
  principalUsers: readonly string[];
}

export const EMPTY_REFERENCE_DATA: SurveillanceReferenceData = {
  relatedAccounts: [],
  beneficialOwners: {},
  desks: [],
  marketMakers: [],
};

const identifier = z
  .string()
  .trim()
  .min(1, "expected a non-empty id")
  .max(200, "expected at most 200 characters");

/**
 * The reference file `nexus reference import FILE.json` and the admin API take (snake_case keys, as in
 * the issue). Unknown keys are refused, naming them, so a misspelt section is not silently ignored.
 */
export const referenceFileSchema = z.strictObject({
  related_accounts: z
    .array(
      z.tuple([identifier, identifier]).refine(([a, b]) => a !== b, "an account cannot be related to itself"),
    )
    .default([]),
  beneficial_owners: z.record(identifier, identifier).default({}),
  desks: z
    .array(
      z.strictObject({
        desk_id: identifier,
        agency_users: z.array(identifier).default([]),
        principal_users: z.array(identifier).default([]),
      }),
    )
    .default([])
    .refine(
      (desks) => new Set(desks.map((desk) => desk.desk_id)).size === desks.length,
      "each desk_id may appear once",
    ),
  market_makers: z.array(identifier).default([]),
});

export type ReferenceFile = z.infer<typeof referenceFileSchema>;

/** The engine's view of a validated reference file. */
export function referenceDataOf(file: ReferenceFile): SurveillanceReferenceData {
  return {
    relatedAccounts: file.related_accounts,
    beneficialOwners: file.beneficial_owners,
    desks: file.desks.map((desk) => ({
      deskId: desk.desk_id,
      agencyUsers: desk.agency_users,
      principalUsers: desk.principal_users,
    })),
    marketMakers: file.market_makers,
  };
}
