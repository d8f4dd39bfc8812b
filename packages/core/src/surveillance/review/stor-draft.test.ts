import { describe, expect, it } from "vitest";
import { buildStorDraft, storDraftSchema } from "./stor-draft";
import type { StorDraftInput } from "./stor-draft";

const input: StorDraftInput = {
  alert: {
    id: "0b7d4f7e-3c55-4d84-9c6b-4b8e1c1f2a10",
    type: "spoofing",
    symbol: "AAPL",
    description: "Spoofing: 5 bids of 9,000 cancelled within 400 ms",
    confidence: "0.92",
    detectedAt: new Date("2026-11-30T14:30:02.000Z"),
    firstEventAt: new Date("2026-11-30T14:30:00.000Z"),
    lastEventAt: new Date("2026-11-30T14:30:02.000Z"),
    accountId: "ACC-7",
    userId: "5f1e0b1c-8d2a-4a36-9a4c-0c3f1d2e3b4a",
    relatedOrderIds: ["9a0e2c1d-1111-4222-8333-444455556666"],
    metrics: { cancel_ratio: 0.95, orders: 5 },
    thresholds: { cancel_ratio: 0.9 },
    dispositionNotes: "Pattern repeated on three days",
  },
  reporter: { name: "Casey Compliance", email: "casey@example.com" },
  suspect: { name: "Terry Trader", email: "terry@example.com" },
  generatedAt: new Date("2026-12-01T09:00:00.000Z"),
};

describe("buildStorDraft", () => {
  it("fills the template's sections from the alert, its reviewer and the suspected person", () => {
    const draft = buildStorDraft(input);
    expect(storDraftSchema.parse(draft)).toEqual(draft);
    expect(draft.section1Submitter).toMatchObject({
      date: "2026-12-01",
      naturalPersonName: "Casey Compliance",
    });
    expect(draft.section2TransactionOrder).toMatchObject({
      instrument: { fullName: "AAPL" },
      firstEventAt: "2026-11-30T14:30:00.000Z",
      orderReferences: input.alert.relatedOrderIds,
    });
    expect(draft.section3Suspicion.nature).toBe("market_manipulation");
    expect(draft.section3Suspicion.reasons).toContain("cancel_ratio 0.95, orders 5");
    expect(draft.section3Suspicion.reasons).toContain("thresholds crossed: cancel_ratio 0.9");
    expect(draft.section4SuspectedPerson).toMatchObject({ name: "Terry Trader", accountNumbers: ["ACC-7"] });
    expect(draft.section5AdditionalInformation.reviewerNotes).toBe("Pattern repeated on three days");
    expect(draft.toComplete).toContain("section1Submitter.entityLei");
    expect(draft.toComplete).not.toContain("section4SuspectedPerson.name");
  });

  it("reports front running as insider dealing and asks for the suspect's name when the user is unknown", () => {
    const draft = buildStorDraft({
      ...input,
      alert: { ...input.alert, type: "front_running" },
      suspect: null,
    });
    expect(draft.section3Suspicion).toMatchObject({ nature: "insider_dealing" });
    expect(draft.section3Suspicion.provision).toContain("Article 8");
    expect(draft.section4SuspectedPerson.name).toBeNull();
    expect(draft.toComplete).toContain("section4SuspectedPerson.name");
  });

  it("says no measurement was recorded rather than leaving the reasons blank", () => {
    const draft = buildStorDraft({ ...input, alert: { ...input.alert, metrics: {}, thresholds: {} } });
    expect(draft.section3Suspicion.reasons).toContain(
      "Measured: none recorded; thresholds crossed: none recorded.",
    );
  });
});
