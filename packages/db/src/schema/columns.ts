import { Decimal } from "@nexus/core/money";
import { customType, timestamp } from "drizzle-orm/pg-core";

/**
 * `numeric(precision, scale)` read and written as `Decimal`. Postgres sends numeric as text and
 * postgres.js leaves it as a string, so the value never passes through a binary float
 * (docs/architecture.md "Numbers": never parseFloat money).
 */
export const decimal = customType<{
  data: Decimal;
  driverData: string;
  config: { precision: number; scale: number };
}>({
  dataType(config) {
    if (!config) throw new Error("decimal columns need an explicit { precision, scale }");
    return `numeric(${config.precision}, ${config.scale})`;
  },
  toDriver: (value) => value.toString(),
  fromDriver: (value) => new Decimal(value),
});

export interface NumericDigits {
  precision: number;
  scale: number;
}
export const priceDigits: NumericDigits = { precision: 18, scale: 6 };
export const quantityDigits: NumericDigits = { precision: 20, scale: 4 };

/** Column shapes shared by every table, so the same idea is spelled the same way everywhere. */
export const price = (name: string) => decimal(name, priceDigits);
export const quantity = (name: string) => decimal(name, quantityDigits);
/**
 * The event contract's decimal range (18 integer and 12 fraction digits, @nexus/core/events): the raw
 * event stores use it so that every event that decodes is stored exactly as sent. A narrower column
 * would make Postgres round a valid event or fail its whole batch, which would then be redelivered
 * forever and stall ingestion.
 */
export const contractDecimal = (name: string) => decimal(name, { precision: 30, scale: 12 });
export const money = (name: string) => decimal(name, { precision: 20, scale: 4 });
/** Probabilities and scores in [0, 1] (confidence, fill rate, cancel ratio). */
export const ratio = (name: string) => decimal(name, { precision: 5, scale: 4 });
/** Finer ratios and returns (VaR as a fraction of value, correlations, volatilities). */
export const fineRatio = (name: string) => decimal(name, { precision: 9, scale: 6 });
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

export const createdAt = () => timestamptz("created_at").notNull().defaultNow();
export const updatedAt = () =>
  timestamptz("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
