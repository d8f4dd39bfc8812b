/**
 * The embedded demo's traders trade in the simulated flow: each enabled trader account (the seeded demo
 * trader, and any a reviewer adds) builds a book of liquid names through the simulator, so the
 * Portfolio screen has positions and VaR at the first sign-in and they move as the book is tended.
 * Embedded default only: against Kafka, real order flow owns the traders' books.
 */
import type { Database } from "@nexus/db/client";
import { listUserAccounts } from "@nexus/db/queries/users";
import type { PortfolioHolderOptions } from "@nexus/sim";

/** Liquid names across sectors (all in the simulator's sample); each trader holds 8 of them. */
const BOOK_SYMBOLS = ["AAPL", "MSFT", "JPM", "XOM", "JNJ", "PG", "AMZN", "GE", "KO", "BA", "WMT", "CVX"];
const BOOK_SIZE = 8;

export async function demoPortfolioHolders(db: Database): Promise<PortfolioHolderOptions[]> {
  const traders = (await listUserAccounts(db)).filter(
    (user) => user.role === "trader" && user.disabledAt === null,
  );
  return traders.map((trader, index) => ({
    user: { userId: trader.id, role: "institution", name: trader.name },
    // A different rotation per trader, so two demo books are not the same book.
    symbols: Array.from(
      { length: BOOK_SIZE },
      (_, k) => BOOK_SYMBOLS[(index * 3 + k) % BOOK_SYMBOLS.length] as string,
    ),
  }));
}
