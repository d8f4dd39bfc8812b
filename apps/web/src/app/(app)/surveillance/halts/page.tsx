import type { Metadata } from "next";
import { HaltsPanel } from "./halts-panel";

export const metadata: Metadata = { title: "Trading halts" };

export default function HaltsPage() {
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Trading halts</h1>
          <p>
            Halts in force (a critical alert halts its user in its symbol) and those lifted in the last week.
            Lifting one needs a reason; it is audited and announced to the Risk service and on risk.halts.
          </p>
        </div>
      </header>
      <HaltsPanel />
    </>
  );
}
