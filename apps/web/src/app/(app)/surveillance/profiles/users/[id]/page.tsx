import type { Metadata } from "next";
import { TradingProfileView } from "../../trading-profile-view";

export const metadata: Metadata = { title: "Trader profile" };

export default async function UserProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Trader profile</h1>
          <p>
            <span className="mono">{id}</span>: how this trader has behaved in each symbol over the last day,
            and their alerts. Updated as their new orders and trades are stored.
          </p>
        </div>
      </header>
      <TradingProfileView subject={{ kind: "user", userId: id }} />
    </>
  );
}
