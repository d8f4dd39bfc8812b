/**
 * `npm run docs:events`: writes docs/events.md, the readable event contract, from the zod schemas (through
 * the same AsyncAPI document the web app serves at /api/asyncapi.json). Run it after changing a schema,
 * an example or a field's meaning in packages/core/src/events; generate-event-docs.test.ts fails until then.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { buildAsyncApiDocument, renderEventsMarkdown } from "@nexus/core/events/asyncapi";

const target = path.resolve(import.meta.dirname, "../docs/events.md");
await writeFile(target, renderEventsMarkdown(buildAsyncApiDocument()));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
