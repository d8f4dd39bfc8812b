import { z } from "zod";
import {
  identifierString,
  nonNegativeDecimalString,
  positiveDecimalString,
  signedDecimalString,
  symbolString,
  textString,
  timestampString,
  uuidString,
} from "../fields";
import { surveillanceAlertEventSchema } from "../published";

/**
 * What the field schemas of fields.ts look like in JSON Schema. The zod schemas check decimals,
 * timestamps and the characters of identifiers and text with refinements, which `z.toJSONSchema` cannot
 * express, and their UUID regex is case-insensitive through a flag JSON Schema has no place for; so the
 * patterns are restated here.
 * scripts/event-contract.test.ts holds them to the zod schemas: both must accept and refuse the same values.
 */
export interface FieldFormat {
  /** The type's name in the field tables. */
  title: string;
  /** The rule, stated once in the formats table. */
  description: string;
  pattern?: string;
  format?: string;
  /** For a z.custom field, which JSON Schema cannot derive a type for. */
  type?: "object";
}

const DECIMAL = String.raw`\d{1,18}(\.\d{1,12})?`;
/**
 * What identifiers and text refuse: C0 and C1 controls, DEL, and surrogates. A validator matching by
 * code point (ajv does) sees a surrogate pair as one character outside the range, so only an unpaired
 * surrogate is refused. Text keeps tab, line feed and carriage return.
 */
const CONTROLS = String.raw`\u0000-\u001f\u007f-\u009f\ud800-\udfff`;
const TEXT_CONTROLS = String.raw`\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff`;
const DECIMAL_RULE =
  "plain notation (digits and an optional fraction; no exponent, no thousands separator), at most 18 integer and 12 fraction digits";

/** In the order of the formats table. */
export const FIELD_FORMATS: ReadonlyArray<readonly [z.ZodType, FieldFormat]> = [
  [
    positiveDecimalString,
    {
      title: "decimal string > 0",
      description: `A price or quantity as a JSON string, greater than zero, no sign: ${DECIMAL_RULE}.`,
      pattern: String.raw`^(?=.*[1-9])${DECIMAL}$`,
    },
  ],
  [
    nonNegativeDecimalString,
    {
      title: "decimal string >= 0",
      description: `A size or quantity as a JSON string, zero allowed, no sign: ${DECIMAL_RULE}.`,
      pattern: `^${DECIMAL}$`,
    },
  ],
  [
    signedDecimalString,
    {
      title: "signed decimal string",
      description: `An amount that can be negative, as a JSON string: an optional \`-\`, then ${DECIMAL_RULE}.`,
      pattern: `^-?${DECIMAL}$`,
    },
  ],
  [
    uuidString,
    {
      title: "UUID",
      description:
        "A UUID of any version, in either case; NexusTrade compares and stores UUIDs in lower case.",
      pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
      format: "uuid",
    },
  ],
  [
    timestampString,
    {
      title: "timestamp",
      description:
        "ISO-8601 in UTC: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1-9 digits, then `Z` or `+00:00` " +
        "(`2026-11-24T14:30:00.123Z`); a real calendar date from year 0001, no leap second, no other offset.",
      pattern: String.raw`^(?!0000)\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|\+00:00)$`,
      format: "date-time",
    },
  ],
  [
    symbolString,
    {
      title: "symbol",
      description: "1-20 characters of `A-Z`, `0-9`, `.` and `-`; lower case is refused, not upper-cased.",
      pattern: "^[A-Z0-9.-]{1,20}$",
    },
  ],
  [
    identifierString,
    {
      title: "identifier",
      description:
        "An identifier of another system (account, venue, strategy): 1-128 characters, no control character, no unpaired surrogate.",
      pattern: `^[^${CONTROLS}]*$`,
    },
  ],
  [
    textString,
    {
      title: "text",
      description:
        "Human-readable text of at most 10,000 characters; it may break lines (tab, line feed, carriage return) but holds no other control character and no unpaired surrogate.",
      pattern: `^[^${TEXT_CONTROLS}]*$`,
    },
  ],
  [
    surveillanceAlertEventSchema.shape.evidence,
    {
      title: "JSON object",
      description: "Any JSON object (not an array, not null).",
      type: "object",
    },
  ],
];

/** The metadata registry `z.toJSONSchema` merges into each field's JSON Schema. */
export const fieldFormats = z.registry<FieldFormat>();
for (const [schema, format] of FIELD_FORMATS) fieldFormats.add(schema, format);
