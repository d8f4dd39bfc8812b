import "server-only";
import path from "node:path";
import { CalibrationRunner } from "@nexus/services/surveillance";
import { webEnv } from "../env";

/**
 * The calibration sandbox's worker thread for this server process (a week's replay must not hold up
 * other requests). Kept on globalThis like the database pool; its module path is given from the app's
 * directory, as the risk pool's is (server/portfolio.ts).
 */
const held = globalThis as typeof globalThis & { nexusWebCalibration?: CalibrationRunner };

export function getCalibrationRunner(): CalibrationRunner {
  held.nexusWebCalibration ??= new CalibrationRunner({
    url: webEnv().DATABASE_URL,
    threadFile: path.resolve(process.cwd(), "../../packages/services/src/surveillance/calibration-thread.ts"),
  });
  return held.nexusWebCalibration;
}
