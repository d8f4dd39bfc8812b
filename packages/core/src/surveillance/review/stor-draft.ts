/**
 * A draft Suspicious Transaction and Order Report (STOR) for a confirmed alert, laid out as the template
 * of Commission Delegated Regulation (EU) 2016/957, Annex (Article 7, MAR Article 16(5)): section 1 the
 * entity and person submitting it, 2 the transactions and orders, 3 the nature of the suspicion, 4 the
 * person whose orders are suspicious, 5 additional information, 6 documentation attached. What the
 * product knows is filled in; what only the firm knows (its LEI, the suspect's date of birth) is left
 * null and listed in `toComplete`, so the officer sees what to add before filing.
 */
import { z } from "zod";
import type { ManipulationType } from "../types";

const text = z.string().nullable();

export const storDraftSchema = z.strictObject({
  template: z.literal("Commission Delegated Regulation (EU) 2016/957, Annex: STOR template"),
  alertId: z.uuid(),
  generatedAt: z.iso.datetime(),
  section1Submitter: z.strictObject({
    date: z.iso.date(),
    naturalPersonName: z.string(),
    positionWithinEntity: text,
    entityName: text,
    entityLei: text,
    entityAddress: text,
    actingCapacity: text,
    tradingActivity: text,
    relationshipWithSuspectedPerson: z.string(),
    contact: z.strictObject({ name: z.string(), position: text, email: z.string() }),
  }),
  section2TransactionOrder: z.strictObject({
    instrument: z.strictObject({ fullName: z.string(), identifierCode: text, cfiCode: text }),
    firstEventAt: z.iso.datetime(),
    lastEventAt: z.iso.datetime(),
    market: text,
    location: text,
    orderReferences: z.array(z.string()),
    description: z.string(),
  }),
  section3Suspicion: z.strictObject({
    nature: z.enum(["market_manipulation", "insider_dealing"]),
    provision: z.string(),
    reasons: z.string(),
    indicators: z.array(z.string()),
  }),
  section4SuspectedPerson: z.strictObject({
    name: text,
    email: text,
    dateOfBirth: text,
    nationalIdentificationNumber: text,
    address: text,
    employment: text,
    accountNumbers: z.array(z.string()),
    clientIdentifier: z.string(),
    relationshipWithIssuer: text,
  }),
  section5AdditionalInformation: z.strictObject({
    detection: z.string(),
    reviewerNotes: z.string(),
  }),
  section6Documentation: z.array(z.string()),
  /** Dotted paths of the fields the officer still has to fill in. */
  toComplete: z.array(z.string()),
});
export type StorDraft = z.infer<typeof storDraftSchema>;

/** What the draft is built from: the confirmed alert, who files it, and whom it is about. */
export interface StorDraftInput {
  alert: {
    id: string;
    type: ManipulationType;
    symbol: string;
    description: string;
    confidence: string;
    detectedAt: Date;
    firstEventAt: Date;
    lastEventAt: Date;
    accountId: string;
    userId: string;
    relatedOrderIds: readonly string[];
    metrics: Readonly<Record<string, number | string>>;
    thresholds: Readonly<Record<string, number>>;
    dispositionNotes: string;
  };
  reporter: { name: string; email: string };
  suspect: { name: string; email: string } | null;
  generatedAt: Date;
}

/**
 * The provision each pattern may breach and the MAR Annex I indicators it shows. Front running trades
 * ahead of client orders on the knowledge of them: insider dealing (MAR Article 8, recital 30 on
 * client orders as inside information); the other patterns give false or misleading signals.
 */
const SUSPICION: Record<
  ManipulationType,
  { nature: "market_manipulation" | "insider_dealing"; provision: string; indicators: string[] }
> = {
  spoofing: {
    nature: "market_manipulation",
    provision: "MAR Article 12(1)(a) and 12(2)(c): orders placed and cancelled before execution",
    indicators: ["MAR Annex I A(f): orders cancelled before execution changing the visible book"],
  },
  layering: {
    nature: "market_manipulation",
    provision: "MAR Article 12(1)(a) and 12(2)(c): layered orders on one side, executed on the other",
    indicators: ["MAR Annex I A(f): orders cancelled before execution changing the visible book"],
  },
  wash_trading: {
    nature: "market_manipulation",
    provision: "MAR Article 12(1)(a): trades with no change in beneficial ownership",
    indicators: ["MAR Annex I A(c): transactions leading to no change in beneficial ownership"],
  },
  momentum: {
    nature: "market_manipulation",
    provision: "MAR Article 12(2)(c): orders starting or exacerbating a trend",
    indicators: ["MAR Annex I A(a): a significant proportion of the daily volume moving the price"],
  },
  front_running: {
    nature: "insider_dealing",
    provision: "MAR Article 8: dealing ahead of known client orders",
    indicators: ["Own-account orders ahead of a pending client order in the same direction"],
  },
  quote_stuffing: {
    nature: "market_manipulation",
    provision: "MAR Article 12(2)(c): order flood disrupting or delaying the trading system",
    indicators: ["MAR Annex I A(f): orders cancelled before execution at a high rate"],
  },
};

const FIRM_FIELDS = [
  "section1Submitter.positionWithinEntity",
  "section1Submitter.entityName",
  "section1Submitter.entityLei",
  "section1Submitter.entityAddress",
  "section1Submitter.actingCapacity",
  "section1Submitter.tradingActivity",
  "section1Submitter.contact.position",
  "section2TransactionOrder.instrument.identifierCode",
  "section2TransactionOrder.instrument.cfiCode",
  "section2TransactionOrder.market",
  "section2TransactionOrder.location",
  "section4SuspectedPerson.dateOfBirth",
  "section4SuspectedPerson.nationalIdentificationNumber",
  "section4SuspectedPerson.address",
  "section4SuspectedPerson.employment",
  "section4SuspectedPerson.relationshipWithIssuer",
];

const listOf = (values: Readonly<Record<string, number | string>>) =>
  Object.entries(values)
    .map(([name, value]) => `${name} ${value}`)
    .join(", ") || "none recorded";

export function buildStorDraft(input: StorDraftInput): StorDraft {
  const { alert, reporter, suspect } = input;
  const suspicion = SUSPICION[alert.type];
  return storDraftSchema.parse({
    template: "Commission Delegated Regulation (EU) 2016/957, Annex: STOR template",
    alertId: alert.id,
    generatedAt: input.generatedAt.toISOString(),
    section1Submitter: {
      date: input.generatedAt.toISOString().slice(0, 10),
      naturalPersonName: reporter.name,
      positionWithinEntity: null,
      entityName: null,
      entityLei: null,
      entityAddress: null,
      actingCapacity: null,
      tradingActivity: null,
      relationshipWithSuspectedPerson: "Client or trader of the reporting entity (account holder)",
      contact: { name: reporter.name, position: null, email: reporter.email },
    },
    section2TransactionOrder: {
      instrument: { fullName: alert.symbol, identifierCode: null, cfiCode: null },
      firstEventAt: alert.firstEventAt.toISOString(),
      lastEventAt: alert.lastEventAt.toISOString(),
      market: null,
      location: null,
      orderReferences: [...alert.relatedOrderIds],
      description: alert.description,
    },
    section3Suspicion: {
      nature: suspicion.nature,
      provision: suspicion.provision,
      reasons: `${alert.description}. Measured: ${listOf(alert.metrics)}; thresholds crossed: ${listOf(alert.thresholds)}.`,
      indicators: suspicion.indicators,
    },
    section4SuspectedPerson: {
      name: suspect?.name ?? null,
      email: suspect?.email ?? null,
      dateOfBirth: null,
      nationalIdentificationNumber: null,
      address: null,
      employment: null,
      accountNumbers: [alert.accountId],
      clientIdentifier: alert.userId,
      relationshipWithIssuer: null,
    },
    section5AdditionalInformation: {
      detection: `Surveillance alert ${alert.id} (${alert.type}, confidence ${alert.confidence}) detected ${alert.detectedAt.toISOString()}.`,
      reviewerNotes: alert.dispositionNotes,
    },
    section6Documentation: [
      `Alert ${alert.id}: evidence metrics, thresholds and order timeline`,
      `Alert ${alert.id}: review history (audit log)`,
    ],
    toComplete: suspect === null ? [...FIRM_FIELDS, "section4SuspectedPerson.name"] : FIRM_FIELDS,
  });
}
