import { Decimal, decimalToString } from "@nexus/core/money";

/** A value as it travels: every Decimal a decimal string (docs/architecture.md "Numbers"), the rest as is. */
export type Wire<T> = T extends Decimal
  ? string
  : T extends Date
    ? Date
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/**
 * The router's results hold Decimals at any depth (prices in the NBBO, alternatives, allocations). Dates
 * stay Dates: tRPC's superjson carries them, and the REST outputs do not contain any.
 */
export function toWire<T>(value: T): Wire<T> {
  if (Decimal.isDecimal(value)) return decimalToString(value as Decimal) as Wire<T>;
  if (value instanceof Date) return value as Wire<T>;
  if (Array.isArray(value)) return value.map((item: unknown) => toWire(item)) as Wire<T>;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toWire(item)])) as Wire<T>;
  }
  return value as Wire<T>;
}
