import type { Metadata } from "next";
import { ComingSoon } from "../../../components/coming-soon";

export const metadata: Metadata = { title: "Portfolio" };

export default function PortfolioPage() {
  return (
    <ComingSoon
      title="Portfolio"
      summary="Positions, VaR and expected shortfall, performance and risk decomposition, correlations and stress tests per trader."
    />
  );
}
