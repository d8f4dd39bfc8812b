/**
 * The surveillance procedures on the real Postgres: who may call each (compliance and admin; traders,
 * ops and keys without the scope get 403), lifting a halt, changing a detector, importing reference
 * data, starting a scan, and the halts REST route for another service.
 */
import { randomUUID } from "node:crypto";
import { createTestDatabase } from "@nexus/db/testing";
import { insertHaltUnlessActive } from "@nexus/db/queries/trading-halts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, rejection, signInEveryRole, testDeps } from "../test/harness";
import type { ApiKeyScope } from "./auth/scopes";
import { createRestHandler } from "./openapi";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let sessions: Awaited<ReturnType<typeof signInEveryRole>>;
beforeAll(async () => {
  handle = await createTestDatabase("api_surveillance");
  sessions = await signInEveryRole(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const as = async (role: keyof typeof sessions) =>
  (await callAs(handle.db, { session: sessions[role] })).caller;

const halt = (symbol: string) =>
  insertHaltUnlessActive(handle.db, {
    scope: "user_symbol",
    userId: randomUUID(),
    symbol,
    reason: "Critical spoofing alert",
    alertId: null,
    haltedBy: null,
    haltedAt: new Date(),
  });

describe("who may call the surveillance procedures", () => {
  it("refuses traders and ops on every procedure, with 403", async () => {
    for (const role of ["trader", "ops"] as const) {
      const caller = await as(role);
      const calls: Array<Promise<unknown>> = [
        caller.surveillance.halts({}),
        caller.surveillance.liftHalt({ haltId: randomUUID(), reason: "x" }),
        caller.surveillance.detectors(),
        caller.surveillance.updateDetector({ type: "spoofing", enabled: false }),
        caller.surveillance.reference(),
        caller.surveillance.importReference({ file: {} }),
        caller.surveillance.startScan({ from: "2026-01-01", to: "2026-01-02" }),
        caller.surveillance.scans({}),
        caller.surveillance.scan({ id: randomUUID() }),
      ];
      for (const call of calls) expect((await rejection(call)).code).toBe("FORBIDDEN");
    }
  });

  it("lets compliance read and act, but only admins import reference data", async () => {
    const compliance = await as("compliance");
    expect(Array.isArray(await compliance.surveillance.halts({}))).toBe(true);
    expect((await rejection(compliance.surveillance.importReference({ file: {} }))).code).toBe("FORBIDDEN");
    const imported = await (
      await as("admin")
    ).surveillance.importReference({ file: { market_makers: ["mm-1"] } });
    expect(imported.after.marketMakers).toBe(1);
    expect((await compliance.surveillance.reference()).marketMakers).toEqual(["mm-1"]);
  });
});

describe("halts", () => {
  it("lifts an active halt with a reason; a second lift is a conflict, an unknown halt not found, a blank reason a 400", async () => {
    const raised = await halt("LIFT1");
    const compliance = await as("compliance");
    expect((await compliance.surveillance.halts({})).map((row) => row.id)).toContain(raised?.id);
    const blank = await rejection(
      compliance.surveillance.liftHalt({ haltId: raised?.id ?? "", reason: " " }),
    );
    expect(blank.code).toBe("BAD_REQUEST");
    const lifted = await compliance.surveillance.liftHalt({
      haltId: raised?.id ?? "",
      reason: "false positive: hedging",
    });
    expect(lifted).toMatchObject({ status: "lifted", liftReason: "false positive: hedging" });
    expect((await compliance.surveillance.halts({})).map((row) => row.id)).not.toContain(raised?.id);
    expect((await compliance.surveillance.halts({ includeLiftedDays: 1 })).map((row) => row.id)).toContain(
      raised?.id,
    );
    expect(
      (await rejection(compliance.surveillance.liftHalt({ haltId: raised?.id ?? "", reason: "again" }))).code,
    ).toBe("CONFLICT");
    expect(
      (await rejection(compliance.surveillance.liftHalt({ haltId: randomUUID(), reason: "x" }))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("detectors, reference data and scans", () => {
  it("shows each detector's thresholds with defaults and meaning, and refuses an unknown threshold with a 400 naming it", async () => {
    const compliance = await as("compliance");
    const detectors = await compliance.surveillance.detectors();
    expect(detectors.map((detector) => detector.type).sort()).toEqual([
      "front_running",
      "layering",
      "momentum",
      "quote_stuffing",
      "spoofing",
      "wash_trading",
    ]);
    const spoofing = detectors.find((detector) => detector.type === "spoofing");
    const [key, setting] = Object.entries(spoofing?.defaults ?? {})[0] ?? [];
    expect(setting?.description).toEqual(expect.any(String));
    const updated = await compliance.surveillance.updateDetector({
      type: "spoofing",
      thresholds: { [key ?? ""]: (setting?.value ?? 0) + 1 },
    });
    expect(updated.version).toBe(1);
    const refused = await rejection(
      compliance.surveillance.updateDetector({ type: "spoofing", thresholds: { bogus: 1 } }),
    );
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: "spoofing threshold bogus: unknown threshold",
    });
  });

  it("refuses a reference file with an unknown key naming it, and starts a scan the workers will run", async () => {
    const refused = await rejection((await as("admin")).surveillance.importReference({ file: { desk: [] } }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: "unknown key: desk" });
    const compliance = await as("compliance");
    const scan = await compliance.surveillance.startScan({
      from: "2026-01-01",
      to: "2026-01-02",
      symbols: ["AAPL"],
    });
    expect(scan).toMatchObject({ status: "running", symbols: ["AAPL"], fannedOutAt: null });
    expect((await compliance.surveillance.scans({})).map((row) => row.id)).toContain(scan.id);
    expect((await compliance.surveillance.scan({ id: scan.id })).id).toBe(scan.id);
    expect((await rejection(compliance.surveillance.scan({ id: randomUUID() }))).code).toBe("NOT_FOUND");
    const backwards = await rejection(
      compliance.surveillance.startScan({ from: "2026-01-02", to: "2026-01-01" }),
    );
    expect(backwards.code).toBe("BAD_REQUEST");
  });
});

describe("REST for other services", () => {
  async function keyWith(...scopes: ApiKeyScope[]) {
    return (
      await (await as("admin")).apiKeys.create({ name: `orders-${scopes.join("+") || "none"}`, scopes })
    ).key;
  }

  it("serves GET /surveillance/halts to a key with the surveillance:halts scope and refuses one without", async () => {
    const raised = await halt("REST1");
    const rest = createRestHandler(testDeps(handle.db));
    const get = (key: string) =>
      rest(
        new Request("http://nexus.test/api/v1/surveillance/halts", {
          headers: { authorization: `Bearer ${key}` },
        }),
      );
    const allowed = await get(await keyWith("surveillance:halts"));
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as Array<{ id: string }>).map((row) => row.id)).toContain(raised?.id);
    expect((await get(await keyWith("routing:route"))).status).toBe(403);
  });
});
