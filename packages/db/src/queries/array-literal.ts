/** One element, quoted; a quote or backslash escaped (ids, symbols and numbers have none: no regex run). */
const element = (value: string | null): string => {
  if (value === null) return "NULL";
  return value.includes('"') || value.includes("\\") ? `"${value.replace(/["\\]/g, "\\$&")}"` : `"${value}"`;
};

/**
 * A Postgres array literal (`{"a","b",NULL}`; PostgreSQL docs 8.15.6): sent as one text parameter and
 * cast on the server (`${arrayLiteral(values)}::uuid[]`), which is cheaper than per-element binding,
 * keeps a statement's text and parameter count fixed whatever the number of rows (postgres.js prepares
 * it once), and does not depend on the driver knowing each array type (postgres.js leaves some typed
 * arrays unserialised).
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map(element).join(",")}}`;
}
