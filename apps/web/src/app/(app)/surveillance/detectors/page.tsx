import type { Metadata } from "next";
import { DetectorSettingsPanel } from "./detector-settings-panel";

export const metadata: Metadata = { title: "Detector settings" };

export default function DetectorsPage() {
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Detector settings</h1>
          <p>
            What each of the six models runs with, live in every worker within seconds of a change. Every
            change is kept in the <a href="/audit">audit log</a> with its old and new values; try a change
            first in the <a href="/surveillance/calibration">calibration sandbox</a>.
          </p>
        </div>
      </header>
      <DetectorSettingsPanel />
    </>
  );
}
