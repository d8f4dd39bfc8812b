/**
 * The router's transformer: superjson, which every client uses to read what the server sends, with a
 * shortcut for answers that are plain JSON already. Most answers are (the use cases hand out decimals as
 * strings and times as numbers or ISO text), and for them superjson's walk, which builds a path array per
 * node to look for Dates, Maps and shared references they do not hold, costs more than routing an order
 * does (issue 12). For such a value superjson's output is `{ json: <the same tree> }` with no `meta`, and
 * that is what the shortcut gives, so the wire format is unchanged; anything else (a Date, undefined, NaN,
 * -0, a class instance such as RawJson, an object reached twice) goes through superjson as before.
 * `wire-transformer.test.ts` holds both to superjson's own output.
 */
import superjson from "superjson";

/** Keys superjson refuses (prototype pollution): such a value must reach superjson to be refused there. */
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * True when superjson would serialize `value` as itself: strings, booleans, null, finite numbers other than
 * -0, and arrays (without holes) and plain objects of those, no object reached twice.
 */
function isPlainJson(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i], seen)) return false;
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (REFUSED_KEYS.has(key) || !isPlainJson((value as Record<string, unknown>)[key], seen)) return false;
  }
  return true;
}

export const wireTransformer = {
  serialize: (value: unknown): unknown =>
    isPlainJson(value, new Set()) ? { json: value } : superjson.serialize(value),
  deserialize: <T>(payload: unknown): T =>
    superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]),
};
