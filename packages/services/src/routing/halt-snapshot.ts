import type { Database } from "@nexus/db/client";
import { TRADING_HALTS_CHANNEL } from "@nexus/db/queries/routing";
import { listActiveHalts, type HaltRow } from "@nexus/db/queries/trading-halts";
import { haltCovers, type HaltTarget } from "./halt-lookup";

/**
 * LISTEN on a Postgres channel, as postgres.js's `sql.listen` does it: `onNotify` for each notification,
 * `onListen` each time the LISTEN is (re)established, after a reconnect too.
 */
export type ListenPort = (
  channel: string,
  onNotify: () => void,
  onListen: () => void,
) => Promise<{ unlisten(): Promise<void> }>;

/** Oldest first, as listActiveHaltsFor orders them: the oldest covering halt is the one reported. */
const older = (a: HaltRow, b: HaltRow) =>
  a.haltedAt.getTime() - b.haltedAt.getTime() || a.id.localeCompare(b.id);

/**
 * The active trading halts, held in memory and read again whenever trading_halts changes: its trigger
 * NOTIFYs TRADING_HALTS_CHANNEL on commit of any insert, update or delete (migration 0018), whoever the
 * writer. An order looked up after a notification waits for the reload it asked for, so a halt or a lift
 * applies from the first order after its NOTIFY arrives; a reconnect of the LISTEN reloads too, since
 * notifications sent while it was down are lost, and halts held longer than `maxAgeMs` are read again
 * whatever was announced, which bounds how long a lost notification can go unnoticed. This takes the halt
 * query off every turn of the routing API (issue 12); without a LISTEN, createHaltLookup queries per turn.
 */
export class HaltSnapshot {
  /** Halts of a user (their book, or them in one symbol), oldest first. */
  private byUser = new Map<string, HaltRow[]>();
  /** Halts of a symbol for everyone, oldest first. */
  private bySymbol = new Map<string, HaltRow[]>();
  /** Changes announced, and the count the held halts reflect (-1: none loaded yet). */
  private announced = 0;
  private reflected = -1;
  private loading: Promise<void> | undefined;
  private listening: Promise<{ unlisten(): Promise<void> }> | undefined;
  /** When the read the held halts come from started. */
  private readAt = Number.NEGATIVE_INFINITY;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly listen: ListenPort,
    options: { maxAgeMs?: number; now?: () => number } = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** The oldest active halt covering the order, as of the last notification received. */
  async find(target: HaltTarget): Promise<HaltRow | undefined> {
    this.listening ??= this.listen(
      TRADING_HALTS_CHANNEL,
      () => this.changed(),
      () => this.changed(),
    ).catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    await this.listening;
    if (this.now() - this.readAt >= this.maxAgeMs) this.changed();
    while (this.reflected < this.announced) await this.reload();
    const ofUser = this.byUser.get(target.userId)?.find((halt) => haltCovers(halt, target));
    const ofSymbol = this.bySymbol.get(target.symbol)?.[0];
    if (ofUser === undefined || ofSymbol === undefined) return ofUser ?? ofSymbol;
    return older(ofUser, ofSymbol) <= 0 ? ofUser : ofSymbol;
  }

  /** Stops listening (the service is done). */
  async close(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    if (listening !== undefined) await (await listening).unlisten();
  }

  private changed(): void {
    this.announced += 1;
  }

  /** One read at a time; a change announced during a read is picked up by the next. */
  private reload(): Promise<void> {
    this.loading ??= (async () => {
      const version = this.announced;
      const startedAt = this.now();
      const halts = (await listActiveHalts(this.db)).sort(older);
      const byUser = new Map<string, HaltRow[]>();
      const bySymbol = new Map<string, HaltRow[]>();
      for (const halt of halts) {
        // trading_halts_scope_target: a symbol halt names its symbol, any other its user.
        const [index, key] =
          halt.scope === "symbol" ? [bySymbol, `${halt.symbol}`] : [byUser, `${halt.userId}`];
        const list = index.get(key);
        if (list === undefined) index.set(key, [halt]);
        else list.push(halt);
      }
      this.byUser = byUser;
      this.bySymbol = bySymbol;
      this.reflected = version;
      this.readAt = startedAt;
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }
}
