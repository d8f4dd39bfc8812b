/**
 * The embedded demo's traders trade in the simulated flow: each enabled trader account (the seeded demo
 * trader, and any a reviewer adds) builds a book of liquid names through the simulator, so the
 * Portfolio screen has positions and VaR at the first sign-in and they move as the book is tended. Each
 * is funded first with an opening deposit, so its cash is the money left beside the book, not the
 * negative of what it bought. Embedded default only: against Kafka, real order flow and the firm's
 * cashiering own the traders' books and money.
 */
import type { Database } from "@nexus/db/client";
import { listCashMovements } from "@nexus/db/queries/cash-movements";
import { listUserAccounts } from "@nexus/db/queries/users";
import { toDecimal } from "@nexus/core/money";
import { recordCashMovement, utcDate } from "@nexus/services/portfolio";
import type { PortfolioHolderOptions } from "@nexus/sim";

/** Liquid names across sectors (all in the simulator's sample); each trader holds 8 of them. */
const BOOK_SYMBOLS = ["AAPL", "MSFT", "JPM", "XOM", "JNJ", "PG", "AMZN", "GE", "KO", "BA", "WMT", "CVX"];
const BOOK_SIZE = 8;
/**
 * The opening capital: the book aims at 100,000 a name (the simulator's portfolio holder), 800,000 in all,
 * and the rest stays as cash for the trims and adds that tend it.
 */
export const OPENING_DEPOSIT = "1000000";

/**
 * The demo's traders and their books. A trader without any cash movement yet is first given the opening
 * deposit, effective `now`'s day and recorded (with its audit row) as the simulator's.
 */
export async function demoPortfolioHolders(db: Database, now: Date): Promise<PortfolioHolderOptions[]> {
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
  return traders.map((trader, index) => ({
    user: { userId: trader.id, role: "institution", name: trader.name },
    // A different rotation per trader, so two demo books are not the same book.
    symbols: Array.from(
      { length: BOOK_SIZE },
      (_, k) => BOOK_SYMBOLS[(index * 3 + k) % BOOK_SYMBOLS.length] as string,
    ),
  }));
}
