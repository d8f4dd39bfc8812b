import type { Desk, SurveillanceReferenceData } from "@nexus/core/surveillance";
import { asc } from "drizzle-orm";
import type { Database } from "../client";
import { beneficialOwners, deskMembers, marketMakers, relatedAccounts } from "../schema/index";

/** How much reference data there is (the audit row of an import records it before and after). */
export interface ReferenceDataCounts {
  relatedAccounts: number;
  beneficialOwners: number;
  desks: number;
  marketMakers: number;
}

export function countsOf(data: SurveillanceReferenceData): ReferenceDataCounts {
  return {
    relatedAccounts: data.relatedAccounts.length,
    beneficialOwners: Object.keys(data.beneficialOwners).length,
    desks: data.desks.length,
    marketMakers: data.marketMakers.length,
  };
}

/** Every piece of reference data, in a stable order. */
export async function loadReferenceData(db: Database): Promise<SurveillanceReferenceData> {
  const [pairs, owners, members, makers] = await Promise.all([
    db.select().from(relatedAccounts).orderBy(asc(relatedAccounts.accountA), asc(relatedAccounts.accountB)),
    db.select().from(beneficialOwners).orderBy(asc(beneficialOwners.accountId)),
    db.select().from(deskMembers).orderBy(asc(deskMembers.deskId), asc(deskMembers.userId)),
    db.select().from(marketMakers).orderBy(asc(marketMakers.userId)),
  ]);
  const desks = new Map<string, { deskId: string; agencyUsers: string[]; principalUsers: string[] }>();
  for (const member of members) {
    let desk = desks.get(member.deskId);
    if (desk === undefined) {
      desk = { deskId: member.deskId, agencyUsers: [], principalUsers: [] };
      desks.set(member.deskId, desk);
    }
    (member.role === "agency" ? desk.agencyUsers : desk.principalUsers).push(member.userId);
  }
  return {
    relatedAccounts: pairs.map((pair) => [pair.accountA, pair.accountB] as const),
    beneficialOwners: Object.fromEntries(owners.map((owner) => [owner.accountId, owner.ownerId])),
    desks: [...desks.values()] satisfies Desk[],
    marketMakers: makers.map((maker) => maker.userId),
  };
}

/**
 * Replaces all reference data with `data` (an import is a full snapshot: what the file leaves out is
 * no longer true). Run inside withAudit so the replacement and its audit row commit together.
 */
export async function replaceReferenceData(
  tx: Database,
  data: SurveillanceReferenceData,
  relationship: string,
): Promise<void> {
  await Promise.all([
    tx.delete(relatedAccounts),
    tx.delete(beneficialOwners),
    tx.delete(deskMembers),
    tx.delete(marketMakers),
  ]);
  // related_accounts holds each pair once, in canonical order (account_a < account_b).
  const pairs = new Map<string, { accountA: string; accountB: string; relationship: string }>();
  for (const [first, second] of data.relatedAccounts) {
    const [accountA, accountB] = first < second ? [first, second] : [second, first];
    pairs.set(`${accountA}\u0000${accountB}`, { accountA, accountB, relationship });
  }
  const members = data.desks.flatMap((desk) => [
    ...desk.agencyUsers.map((userId) => ({ deskId: desk.deskId, userId, role: "agency" as const })),
    ...desk.principalUsers.map((userId) => ({ deskId: desk.deskId, userId, role: "principal" as const })),
  ]);
  const owners = Object.entries(data.beneficialOwners).map(([accountId, ownerId]) => ({
    accountId,
    ownerId,
  }));
  const makers = [...new Set(data.marketMakers)].map((userId) => ({ userId }));
  if (pairs.size > 0) await tx.insert(relatedAccounts).values([...pairs.values()]);
  if (owners.length > 0) await tx.insert(beneficialOwners).values(owners);
  if (members.length > 0) await tx.insert(deskMembers).values(members).onConflictDoNothing();
  if (makers.length > 0) await tx.insert(marketMakers).values(makers);
}
