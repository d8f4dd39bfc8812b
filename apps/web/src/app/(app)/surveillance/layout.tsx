import type { ReactNode } from "react";
import { AccessRefused } from "../../../components/access-refused";
import { canOpen, sectionFor } from "../../../lib/navigation";
import { requireUser } from "../../../server/session";
import { SurveillanceTabs } from "./surveillance-tabs";

/**
 * The compliance workspace's tools beside the alert queue: book replay, detector settings, halts,
 * reference data, the calibration sandbox, analytics and profiles. Compliance and admin only (every
 * procedure behind them checks the role again).
 */
export default async function SurveillanceLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!canOpen(user.role, "/surveillance")) {
    return <AccessRefused title="Surveillance" roles={sectionFor("/surveillance").roles ?? []} />;
  }
  return (
    <>
      <SurveillanceTabs />
      <div className="workspace">{children}</div>
    </>
  );
}
