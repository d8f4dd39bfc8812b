import type { ManipulationType } from "./types";

/** What the engine knows of a user, across symbols, since the user's state was last evicted. */
export interface UserProfile {
  userId: string;
  ordersEntered: number;
  ordersModified: number;
  ordersCancelled: number;
  trades: number;
  alerts: Partial<Record<ManipulationType, number>>;
  symbols: string[];
  lastEventAt: string;
}

/** What the engine knows of a symbol: its activity, its book as rebuilt from events, its alerts. */
export interface SymbolProfile {
  symbol: string;
  orderEvents: number;
  trades: number;
  lastTradePrice: number | null;
  bestBid: number | null;
  bestAsk: number | null;
  trackedOrders: number;
  alerts: Partial<Record<ManipulationType, number>>;
  lastEventAt: string;
}

export interface UserActivity {
  profile: UserProfile;
  symbols: Set<string>;
  /** The symbol of the user's latest event ("" before the first), already in `symbols`. */
  lastSymbol: string;
  lastEventMs: number;
}

export function newUserActivity(userId: string): UserActivity {
  return {
    profile: {
      userId,
      ordersEntered: 0,
      ordersModified: 0,
      ordersCancelled: 0,
      trades: 0,
      alerts: {},
      symbols: [],
      lastEventAt: "",
    },
    symbols: new Set(),
    lastSymbol: "",
    lastEventMs: Number.NEGATIVE_INFINITY,
  };
}

export function countAlert(alerts: Partial<Record<ManipulationType, number>>, type: ManipulationType): void {
  alerts[type] = (alerts[type] ?? 0) + 1;
}
