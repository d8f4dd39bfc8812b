/**
 * A worker thread of the calibration sandbox (calibration-runner.ts): replays a period with live and
 * candidate thresholds, which runs the surveillance engine over up to a week of stored events, off the
 * event loop of the process that asked (the web server's must stay free for other requests). It reads
 * through a connection of its own to the same database.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "@nexus/db/client";
import { calibrateThresholds } from "./calibration";
import type { CalibrationRequest, CalibrationResult } from "./calibration";
import { SurveillanceError } from "./errors";
import type { SurveillanceProblem } from "./errors";

export interface CalibrationThreadData {
  url: string;
  schema?: string;
}

export interface CalibrationTask {
  id: number;
  request: CalibrationRequest;
}

export type CalibrationReply =
  | { id: number; result: CalibrationResult }
  | { id: number; refusal: { problem: SurveillanceProblem; message: string; field: string | undefined } }
  | { id: number; failure: string };

const { url, schema } = workerData as CalibrationThreadData;
const handle = createDb({ url, max: 2, ...(schema === undefined ? {} : { schema }) });

parentPort?.on("message", (task: CalibrationTask) => {
  void calibrateThresholds(handle.db, task.request).then(
    (result) => parentPort?.postMessage({ id: task.id, result } satisfies CalibrationReply),
    (error: unknown) =>
      parentPort?.postMessage(
        (error instanceof SurveillanceError
          ? { id: task.id, refusal: { problem: error.problem, message: error.message, field: error.field } }
          : {
              id: task.id,
              failure: error instanceof Error ? error.message : String(error),
            }) satisfies CalibrationReply,
      ),
  );
});
