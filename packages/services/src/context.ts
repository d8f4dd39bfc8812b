import type { Database } from "@nexus/db/client";

/**
 * Who made a change, as its audit row records it. A use case takes the actor from its caller, which
 * alone knows who that is:
 * - `user`: a signed-in person (actorId = their user id), through the web app;
 * - `service`: another service through its API key (actorId = the key's id);
 * - `cli`: the operator running `nexus` on a host (actorId = their operating-system user name). Not
 *   `system`, which is for what the product does on its own (the worker raising a halt): a `cli` row
 *   names a person, whoever had a shell on the host, and works before any user exists (the first
 *   admin is made this way);
 * - `system`: the product acting on its own (actorId names the part, e.g. the embedded demo's
 *   simulator loading the reference data of its population).
 */
export type Actor = {
  actorType: "user" | "service" | "cli" | "system";
  actorId: string;
  /** The client address of a web request; null for the CLI. */
  ip: string | null;
};

/** What every use case that changes data is handed: the database (or a transaction), who asks, and when. */
export type ChangeContext = {
  db: Database;
  actor: Actor;
  now: Date;
};
