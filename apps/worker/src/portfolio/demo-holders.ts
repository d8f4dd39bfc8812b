/**
 * The embedded demo's traders trade in the routed flow: each enabled trader account (the seeded demo
 * trader, and any a reviewer adds) builds a book of liquid names with orders the Smart Order Router sends
 * to the internal matching engine and the simulated venues (routing/routed-flow.ts), so the Portfolio
 * screen has positions and VaR at the first sign-in and they move as the book is tended. Each is funded
 * first with an opening deposit, so its cash is the money left beside the book, not the negative of what
 * it bought. Embedded default only: against Kafka, real order flow and the firm's cashiering own the
 * traders' books and money.
 */
import type { Database } from "@nexus/db/client";
import { listCashMovements } from "@nexus/db/queries/cash-movements";
import { listPositions } from "@nexus/db/queries/portfolio";
import { listUserAccounts } from "@nexus/db/queries/users";
import { toDecimal } from "@nexus/core/money";
import { recordCashMovement, utcDate } from "@nexus/services/portfolio";
import type { BookHolder } from "../routing/routed-flow.js";

/** Liquid names across sectors (all in the simulator's sample); each trader holds 8 of them. */
const BOOK_SYMBOLS = ["AAPL", "MSFT", "JPM", "XOM", "JNJ", "PG", "AMZN", "GE", "KO", "BA", "WMT", "CVX"];
const BOOK_SIZE = 8;
/** Money the book aims at in each name. */
const TARGET_VALUE = 100_000;
/**
 * The opening capital: the book aims at TARGET_VALUE a name, 800,000 in all, and the rest stays as cash
 * for the trims and adds that tend it.
 */
export const OPENING_DEPOSIT = "1000000";

/**
 * The demo's traders and their books, with what each holds already (an earlier start's book is tended,
 * not bought a second time). A trader without any cash movement yet is first given the opening deposit,
 * effective `now`'s day and recorded (with its audit row) as the simulator's.
 */
export async function demoPortfolioHolders(db: Database, now: Date): Promise<BookHolder[]> {
  const traders = (await listUserAccounts(db)).filter(
    (user) => user.role === "trader" && user.disabledAt === null,
  );
  for (const trader of traders) {
    if ((await listCashMovements(db, trader.id, 1)).length > 0) continue;
    await recordCashMovement(
      { db, actor: { actorType: "system", actorId: "simulator", ip: null }, now },
      {
        userId: trader.id,
        kind: "deposit",
        amount: toDecimal(OPENING_DEPOSIT),
        effectiveDate: utcDate(now),
        note: "Opening capital of the embedded demo",
      },
    );
  }
  return Promise.all(
    traders.map(async (trader, index) => ({
      userId: trader.id,
      // A different rotation per trader, so two demo books are not the same book.
      symbols: Array.from(
        { length: BOOK_SIZE },
        (_, k) => BOOK_SYMBOLS[(index * 3 + k) % BOOK_SYMBOLS.length] as string,
      ),
      targetValue: TARGET_VALUE,
      held: new Map(
        (await listPositions(db, trader.id)).map((position) => [
          position.symbol,
          position.quantity.toNumber(),
        ]),
      ),
    })),
  );
}
