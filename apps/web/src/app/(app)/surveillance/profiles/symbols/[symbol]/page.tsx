import type { Metadata } from "next";
import { TradingProfileView } from "../../trading-profile-view";

export const metadata: Metadata = { title: "Symbol profile" };

export default async function SymbolProfilePage({ params }: { params: Promise<{ symbol: string }> }) {
  const { symbol } = await params;
  const decoded = decodeURIComponent(symbol);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Symbol profile: {decoded}</h1>
          <p>
            Who trades {decoded} and how, over the last day, and its alerts. Updated as new orders and trades
            in it are stored.
          </p>
        </div>
      </header>
      <TradingProfileView subject={{ kind: "symbol", symbol: decoded }} />
    </>
  );
}
