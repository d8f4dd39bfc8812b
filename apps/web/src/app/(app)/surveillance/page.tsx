import { redirect } from "next/navigation";

/** The section opens on the detector settings, what a compliance officer tunes most. */
export default function SurveillancePage() {
  redirect("/surveillance/detectors");
}
