/**
 * `nexus reference import FILE.json`: replaces surveillance's reference data (beneficial owners,
 * related accounts, desks, market makers) with the file's, in one transaction with its audit row
 * (@nexus/services/surveillance, the same use case as the admin API). Running workers apply it within
 * their next poll. `nexus reference show` prints what is stored, in the file's format.
 */
import { readFile } from "node:fs/promises";
import type { DbHandle } from "@nexus/db/client";
import { countsOf, loadReferenceData } from "@nexus/db/queries/reference-data";
import type { ReferenceDataCounts } from "@nexus/db/queries/reference-data";
import { SurveillanceError, importReferenceData } from "@nexus/services/surveillance";
import { UsageError } from "./usage-error.js";

export const REFERENCE_USAGE = `  nexus reference import FILE.json
      Replace the reference data surveillance uses with the file's: {"related_accounts": [["a","b"]],
      "beneficial_owners": {"acct": "owner"}, "desks": [{"desk_id": "D1", "agency_users": [...],
      "principal_users": [...]}], "market_makers": ["user-id"]} (every key optional; unknown keys refused).
  nexus reference show
      Print the stored reference data in the same format.`;

export type ReferenceCommandIo = {
  openDatabase: () => Promise<DbHandle>;
  print: (line: string) => void;
  operator: string;
};

const describeCounts = (counts: ReferenceDataCounts) =>
  `${counts.beneficialOwners} beneficial owners, ${counts.relatedAccounts} related account pairs, ` +
  `${counts.desks} desks, ${counts.marketMakers} market makers`;

async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, "utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SurveillanceError("invalid", `${path} is not JSON: ${(error as Error).message}`);
  }
}

export async function runReferenceCommand(args: readonly string[], io: ReferenceCommandIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === "import") {
    const [path] = rest;
    if (path === undefined || rest.length > 1) throw new UsageError("reference import takes one FILE.json");
    const file = await readJsonFile(path);
    const database = await io.openDatabase();
    try {
      const imported = await importReferenceData(
        { db: database.db, actor: { actorType: "cli", actorId: io.operator, ip: null }, now: new Date() },
        file,
      );
      io.print(`imported ${describeCounts(imported.after)} (was ${describeCounts(imported.before)})`);
      return 0;
    } finally {
      await database.close();
    }
  }
  if (subcommand === "show") {
    if (rest.length > 0) throw new UsageError("reference show takes no arguments");
    const database = await io.openDatabase();
    try {
      const data = await loadReferenceData(database.db);
      io.print(
        JSON.stringify(
          {
            related_accounts: data.relatedAccounts,
            beneficial_owners: data.beneficialOwners,
            desks: data.desks.map((desk) => ({
              desk_id: desk.deskId,
              agency_users: desk.agencyUsers,
              principal_users: desk.principalUsers,
            })),
            market_makers: data.marketMakers,
          },
          null,
          2,
        ),
      );
      io.print(`# ${describeCounts(countsOf(data))}`);
      return 0;
    } finally {
      await database.close();
    }
  }
  throw new UsageError(`unknown reference command "${subcommand ?? ""}" (import or show)`);
}
