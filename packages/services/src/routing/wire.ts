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
  // Built with plain loops: a decision is a few hundred nodes, converted on every routed order.
  if (typeof value !== "object" || value === null || value instanceof Date) return value as Wire<T>;
  if (Decimal.isDecimal(value)) return decimalToString(value as Decimal) as Wire<T>;
  if (Array.isArray(value)) return value.map((item: unknown) => toWire(item)) as Wire<T>;
  const wire: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = toWire((value as Record<string, unknown>)[key]);
    // An own "__proto__" key stays a key (as Object.fromEntries has it), not the prototype.
    if (key === "__proto__")
      Object.defineProperty(wire, key, { value: item, enumerable: true, writable: true, configurable: true });
    else wire[key] = item;
  }
  return wire as Wire<T>;
}
