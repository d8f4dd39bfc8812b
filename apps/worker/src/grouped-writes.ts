/**
 * Group commit for the ingest (issue 10, alert latency): kafkajs hands the partition batches of one fetch
 * to the handlers at the same time and fetches again only once every one of them has resolved, so one
 * fetch's cycle costs as many Postgres round trips as it had batches, a few at a time. Batches that
 * arrive in the same turn of the event loop are written together instead: one INSERT per kind for the
 * whole fetch, each batch then told its own outcome.
 *
 * A failed group says nothing about which batch is at fault, so each of its batches is then written
 * alone: the bus retries, splits or dead-letters exactly the one Postgres refused, as before.
 */
import type { ConsumedEvent } from "@nexus/core/events";
import type { PersistOutcome } from "./persist.js";

type Persist = (events: readonly ConsumedEvent[]) => Promise<PersistOutcome>;

interface Member {
  events: readonly ConsumedEvent[];
  resolve: (outcome: PersistOutcome) => void;
  reject: (error: unknown) => void;
}

/** A member's share of its group's outcome: the group's fresh events are the same objects as its own. */
function shareOf(member: Member, fresh: ReadonlySet<ConsumedEvent>): PersistOutcome {
  const own = member.events.filter((event) => fresh.has(event));
  return { stored: own.length, fresh: own, duplicates: member.events.length - own.length };
}

export function groupPersists(persist: Persist): Persist {
  let waiting: Member[] = [];

  const writeAlone = (member: Member) => persist(member.events).then(member.resolve, member.reject);

  const flush = async (): Promise<void> => {
    const group = waiting;
    waiting = [];
    const [only] = group;
    if (group.length === 1 && only !== undefined) return writeAlone(only);
    try {
      const outcome = await persist(group.flatMap((member) => member.events));
      const fresh = new Set(outcome.fresh);
      for (const member of group) member.resolve(shareOf(member, fresh));
    } catch {
      await Promise.all(group.map(writeAlone));
    }
  };

  return (events) =>
    new Promise<PersistOutcome>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(() => void flush());
      waiting.push({ events, resolve, reject });
    });
}
