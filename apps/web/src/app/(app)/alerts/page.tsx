import type { Metadata } from "next";
import { ComingSoon } from "../../../components/coming-soon";

export const metadata: Metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <ComingSoon
      title="Alerts"
      summary="Review and disposition of surveillance alerts (spoofing, layering, wash trading, momentum ignition, front running, quote stuffing)."
    />
  );
}
