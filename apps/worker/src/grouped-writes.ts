/**
 * Group commit for the consumers that write to Postgres (issue 10, alert latency and the load a steady
 * flow puts on a small machine): kafkajs hands the partition batches of one fetch to the handlers at the
 * same time and fetches again only once every one of them has resolved, so one fetch's cycle cost as
 * many transactions as it had batches, a few at a time. Batches that arrive in the same turn of the
 * event loop are written together instead: one write for the whole fetch, each batch then told its own
 * share of the outcome.
 *
 * A failed group says nothing about which batch is at fault, so each of its batches is then written
 * alone: the bus retries, splits or dead-letters exactly the one Postgres refused, as before.
 */

/**
 * Partitions a consumer hands its handlers at once: above what a worker usually holds (6 per topic by
 * default), so one fetch is one group.
 */
export const PARTITIONS_AT_ONCE = 64;

type Write<Item, Outcome> = (items: readonly Item[]) => Promise<Outcome>;

interface Member<Item, Outcome> {
  items: readonly Item[];
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

/**
 * `write` for the batches of one turn at once. `shareOf` reads the group's outcome once and tells each
 * batch its part of it (its own items are among those the group wrote).
 */
export function groupWrites<Item, Outcome>(
  write: Write<Item, Outcome>,
  shareOf: (outcome: Outcome) => (own: readonly Item[]) => Outcome,
): Write<Item, Outcome> {
  let waiting: Member<Item, Outcome>[] = [];

  const writeAlone = (member: Member<Item, Outcome>) =>
    write(member.items).then(member.resolve, member.reject);

  const flush = async (): Promise<void> => {
    const group = waiting;
    waiting = [];
    const [only] = group;
    if (group.length === 1 && only !== undefined) return writeAlone(only);
    try {
      const share = shareOf(await write(group.flatMap((member) => member.items)));
      for (const member of group) member.resolve(share(member.items));
    } catch {
      await Promise.all(group.map(writeAlone));
    }
  };

  return (items) =>
    new Promise<Outcome>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(() => void flush());
      waiting.push({ items, resolve, reject });
    });
}
