import { describe, expect, it } from "vitest";
import { ReferenceIndex } from "./reference-index";

describe("ReferenceIndex", () => {
  const index = new ReferenceIndex(
    {
      relatedAccounts: [["acct-b", "acct-a"]],
      beneficialOwners: { "acct-c": "owner-1" },
      desks: [
        { deskId: "D1", agencyUsers: ["desk-1"], principalUsers: ["prop-1", "prop-both"] },
        { deskId: "D2", agencyUsers: ["desk-2"], principalUsers: ["prop-2", "prop-both"] },
      ],
      marketMakers: ["mm"],
    },
    [["acct-x", "acct-y"]],
  );

  it("links a principal to blocks of its own desks only", () => {
    expect(index.mayKnowOfBlock("prop-1", "desk-1")).toBe(true);
    expect(index.mayKnowOfBlock("prop-2", "desk-1")).toBe(false);
    expect(index.mayKnowOfBlock("prop-both", "desk-1")).toBe(true);
    expect(index.mayKnowOfBlock("prop-both", "desk-2")).toBe(true);
    expect(index.mayKnowOfBlock("stranger", "desk-1")).toBe(false);
    // A block of a desk nobody registered: principals on no desk stay suspects, registered ones do not.
    expect(index.mayKnowOfBlock("stranger", "unknown-desk")).toBe(true);
    expect(index.mayKnowOfBlock("prop-1", "unknown-desk")).toBe(false);
  });

  it("answers owners, related pairs (either order, with the engine's own) and market makers", () => {
    expect(index.ownerOf("acct-c")).toBe("owner-1");
    expect(index.ownerOf("acct-z")).toBe("acct-z");
    expect(index.areRelated("acct-a", "acct-b")).toBe(true);
    expect(index.areRelated("acct-y", "acct-x")).toBe(true);
    expect(index.areRelated("acct-a", "acct-c")).toBe(false);
    expect(index.areRelated("acct-c", "acct-a")).toBe(false);
    expect(index.isMarketMaker("mm")).toBe(true);
    expect(index.isMarketMaker("prop-1")).toBe(false);
  });
});
