import { EMPTY_REFERENCE_DATA } from "./reference-data";
import type { SurveillanceReferenceData } from "./reference-data";

/**
 * The reference data as the detectors look it up, per event, in O(1): one object shared by the engine's
 * detectors and replaced in place by `update`, so a change applies to every symbol from the next event on.
 */
export class ReferenceIndex {
  private owners = new Map<string, string>();
  /** account -> the accounts registered as related to it (both ways: a look-up builds no pair key). */
  private related = new Map<string, Set<string>>();
  private makers = new Set<string>();
  /** user -> the desks the user works agency orders for, and those the user trades principal on. */
  private agencyDesks = new Map<string, Set<string>>();
  private principalDesks = new Map<string, Set<string>>();

  /** Pairs kept across updates (the engine's own relatedAccounts option). */
  private readonly extraRelated: ReadonlyArray<readonly [string, string]>;

  constructor(
    reference: SurveillanceReferenceData = EMPTY_REFERENCE_DATA,
    extraRelated: Iterable<readonly [string, string]> = [],
  ) {
    this.extraRelated = [...extraRelated];
    this.update(reference);
  }

  update(reference: SurveillanceReferenceData): void {
    this.owners = new Map(Object.entries(reference.beneficialOwners));
    this.related = new Map();
    for (const [first, second] of [...reference.relatedAccounts, ...this.extraRelated]) {
      addTo(this.related, first, second);
      addTo(this.related, second, first);
    }
    this.makers = new Set(reference.marketMakers);
    this.agencyDesks = new Map();
    this.principalDesks = new Map();
    for (const desk of reference.desks) {
      for (const userId of desk.agencyUsers) addTo(this.agencyDesks, userId, desk.deskId);
      for (const userId of desk.principalUsers) addTo(this.principalDesks, userId, desk.deskId);
    }
  }

  /** The account's beneficial owner; an account nobody registered owns itself. */
  ownerOf(accountId: string): string {
    // Asked for every trade: without registered owners (most deployments' first days) no lookup at all.
    return this.owners.size === 0 ? accountId : (this.owners.get(accountId) ?? accountId);
  }

  /** The two accounts are registered as related (in either order). */
  areRelated(firstAccountId: string, secondAccountId: string): boolean {
    // Asked for every trade between two owners: a map look-up, no key string built per trade.
    return this.related.get(firstAccountId)?.has(secondAccountId) === true;
  }

  isMarketMaker(userId: string): boolean {
    return this.makers.has(userId);
  }

  /**
   * Could the principal user have known of the agency user's block (FINRA Rule 5270 is about a firm
   * trading ahead of its own customer's block)? Yes when both are on one desk. When the agency user is
   * on no known desk, the firm has not told surveillance who shares its information: a principal user
   * on no desk could be anyone's and is kept, one registered on some other desk is not (missing
   * reference data must not blind the detector, registered data must narrow it).
   */
  mayKnowOfBlock(principalUserId: string, agencyUserId: string): boolean {
    const principalDesks = this.principalDesks.get(principalUserId);
    const agencyDesks = this.agencyDesks.get(agencyUserId);
    if (agencyDesks === undefined) return principalDesks === undefined;
    if (principalDesks === undefined) return false;
    for (const deskId of agencyDesks) if (principalDesks.has(deskId)) return true;
    return false;
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const values = map.get(key);
  if (values === undefined) map.set(key, new Set([value]));
  else values.add(value);
}
