/**
 * The calibration sandbox in its worker thread, on the real Postgres: the same result as in process,
 * refusals that still name the field at fault, and a failure of the thread's own reads reported as such.
 */
import { insertOrderEvents, insertTradeEvents } from "@nexus/db/queries/events";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calibrateThresholds } from "./calibration";
import { CalibrationRunner } from "./calibration-runner";
import { SurveillanceError } from "./errors";
import { selfTrade } from "./self-trade.testing";

let handle: TestSchema;
let runner: CalibrationRunner;
beforeAll(async () => {
  handle = await createTestDatabase("services_calibration_runner");
  const { orders, trades } = selfTrade("CALIB", "2026-11-23T10:00:00.000Z");
  await insertOrderEvents(handle.db, orders);
  await insertTradeEvents(handle.db, trades);
  runner = new CalibrationRunner({ url: handle.url, schema: handle.schema });
});
afterAll(async () => {
  await runner.close();
  await handle.close();
});

const request = {
  from: "2026-11-23T00:00:00Z",
  to: "2026-11-24T00:00:00Z",
  candidates: { wash_trading: { maxPriceDifferenceBps: 5 } },
};

describe("CalibrationRunner", () => {
  it("answers in its thread what the sandbox answers in process", async () => {
    const [threaded, inProcess] = await Promise.all([
      runner.run(request),
      calibrateThresholds(handle.db, request),
    ]);
    expect(threaded).toEqual(inProcess);
    expect(threaded.models.find((model) => model.type === "wash_trading")?.liveAlerts).toBe(1);
  });

  it("refuses a bad request as the in-process sandbox does, naming the field", async () => {
    const refusal = await runner
      .run({ ...request, to: "2026-11-22T00:00:00Z" })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SurveillanceError);
    expect(refusal).toMatchObject({ problem: "invalid", field: "to" });
  });

  it("reports a failure of the thread's own database reads", async () => {
    const unreachable = new CalibrationRunner({ url: "postgres://nobody@127.0.0.1:1/none" });
    try {
      await expect(unreachable.run(request)).rejects.toThrow(/^Failed query/);
    } finally {
      await unreachable.close();
    }
  });
});
