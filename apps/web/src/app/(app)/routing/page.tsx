import type { Metadata } from "next";
import { ComingSoon } from "../../../components/coming-soon";

export const metadata: Metadata = { title: "Routing" };

export default function RoutingPage() {
  return (
    <ComingSoon
      title="Routing"
      summary="Smart order routing decisions and executions, venue quality statistics and the SEC Rule 606 routing report."
    />
  );
}
