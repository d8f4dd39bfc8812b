/**
 * `@nexus/api/raw-json`: a JSON document that travels as the text it already is. The risk figures are
 * cached as JSON text (tens of kilobytes for a 100-position VaR); superjson would walk every node of
 * the parsed document to look for Dates and Maps it cannot contain (1.5 ms median, 15 ms at p95 on a loaded
 * machine), so the text is handed to superjson as one opaque value instead. Imported for its
 * registration by the server (router/portfolio.ts) and by the browser's tRPC client (the same name must
 * be registered on both ends). REST and in-process callers see it through `toJSON()`.
 */
import superjson from "superjson";

export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

superjson.registerCustom<RawJson, string>(
  {
    isApplicable: (value): value is RawJson => value instanceof RawJson,
    serialize: (value) => value.text,
    deserialize: (text) => JSON.parse(text) as never,
  },
  "nexus.raw-json",
);
