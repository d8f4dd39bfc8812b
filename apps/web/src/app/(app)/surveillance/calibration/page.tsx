import type { Metadata } from "next";
import { CalibrationSandbox } from "./calibration-sandbox";

export const metadata: Metadata = { title: "Calibration sandbox" };

export default function CalibrationPage() {
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Calibration sandbox</h1>
          <p>
            Replay a period of stored events with candidate thresholds beside the live ones. Nothing live
            changes until you apply the candidates, which is audited like any change to the{" "}
            <a href="/surveillance/detectors">detector settings</a>.
          </p>
        </div>
      </header>
      <CalibrationSandbox />
    </>
  );
}
