import { describe, expect, it } from "vitest";
import { referenceDataOf, referenceFileSchema } from "./reference-data";

describe("reference file", () => {
  it("reads the issue's example into the engine's view", () => {
    const file = referenceFileSchema.parse({
      related_accounts: [["acct-a", "acct-b"]],
      beneficial_owners: { "acct-a": "owner-1" },
      desks: [{ desk_id: "D1", agency_users: ["u-agency"], principal_users: ["u-prop"] }],
      market_makers: ["u-mm"],
    });
    expect(referenceDataOf(file)).toEqual({
      relatedAccounts: [["acct-a", "acct-b"]],
      beneficialOwners: { "acct-a": "owner-1" },
      desks: [{ deskId: "D1", agencyUsers: ["u-agency"], principalUsers: ["u-prop"] }],
      marketMakers: ["u-mm"],
    });
  });

  it("treats every section as optional", () => {
    expect(referenceDataOf(referenceFileSchema.parse({}))).toEqual({
      relatedAccounts: [],
      beneficialOwners: {},
      desks: [],
      marketMakers: [],
    });
  });

  it("refuses unknown keys, naming them, at the top and inside a desk", () => {
    const top = referenceFileSchema.safeParse({ market_maker: ["u"] });
    expect(top.success).toBe(false);
    expect(JSON.stringify(top.error?.issues)).toContain("market_maker");
    const desk = referenceFileSchema.safeParse({ desks: [{ desk_id: "D1", traders: [] }] });
    expect(JSON.stringify(desk.error?.issues)).toContain("traders");
  });

  it("refuses an account related to itself, a repeated desk and an empty id", () => {
    expect(referenceFileSchema.safeParse({ related_accounts: [["a", "a"]] }).error?.issues[0]?.message).toBe(
      "an account cannot be related to itself",
    );
    expect(
      referenceFileSchema.safeParse({ desks: [{ desk_id: "D1" }, { desk_id: "D1" }] }).error?.issues[0]
        ?.message,
    ).toBe("each desk_id may appear once");
    expect(referenceFileSchema.safeParse({ market_makers: [" "] }).error?.issues[0]?.message).toBe(
      "expected a non-empty id",
    );
  });
});
