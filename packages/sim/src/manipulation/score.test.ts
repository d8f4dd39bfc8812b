import { describe, expect, it } from "vitest";
import type { ManipulationLabel } from "./label";
import { alertMatchesLabel, marketMakerCheck, missedTargets, scoreAlerts } from "./score";
import type { ScoredAlert } from "./score";

const label: ManipulationLabel = {
  labelId: "L1",
  type: "spoofing",
  symbol: "AAPL",
  userId: "spoofer",
  counterpartyUserIds: ["partner"],
  orderIds: ["o1", "o2"],
  startedAt: "2026-11-24T14:30:10.000Z",
  endedAt: "2026-11-24T14:30:12.000Z",
};
const alert: ScoredAlert = {
  alertId: "A1",
  type: "spoofing",
  userId: "spoofer",
  symbol: "AAPL",
  firstEventAt: "2026-11-24T14:40:00.000Z",
  lastEventAt: "2026-11-24T14:40:01.000Z",
  relatedOrderIds: ["o2"],
};

describe("alertMatchesLabel", () => {
  it("matches on a shared order id whatever the times", () => {
    expect(alertMatchesLabel(alert, label)).toBe(true);
  });

  it("matches on time overlap within 5 s of the episode, exactly at the edge and not 1 ms past it", () => {
    const timed = { ...alert, relatedOrderIds: ["other"] };
    const at = (first: string, last: string): boolean =>
      alertMatchesLabel({ ...timed, firstEventAt: first, lastEventAt: last }, label);
    expect(at("2026-11-24T14:30:17.000Z", "2026-11-24T14:30:20.000Z")).toBe(true);
    expect(at("2026-11-24T14:30:17.001Z", "2026-11-24T14:30:20.000Z")).toBe(false);
    expect(at("2026-11-24T14:30:00.000Z", "2026-11-24T14:30:05.000Z")).toBe(true);
    expect(at("2026-11-24T14:30:00.000Z", "2026-11-24T14:30:04.999Z")).toBe(false);
  });

  it("needs the same type and symbol, and the manipulator or a counterparty named", () => {
    expect(alertMatchesLabel({ ...alert, type: "layering" }, label)).toBe(false);
    expect(alertMatchesLabel({ ...alert, symbol: "KO" }, label)).toBe(false);
    expect(alertMatchesLabel({ ...alert, userId: "someone" }, label)).toBe(false);
    expect(alertMatchesLabel({ ...alert, userId: "partner" }, label)).toBe(true);
  });
});

describe("scoreAlerts", () => {
  it("gives precision over alerts and recall over labels per type, in ALERT_TYPES order", () => {
    const second: ManipulationLabel = {
      ...label,
      labelId: "L2",
      orderIds: ["o9"],
      startedAt: "2026-11-24T15:00:00.000Z",
      endedAt: "2026-11-24T15:00:01.000Z",
    };
    const wash: ManipulationLabel = { ...label, labelId: "W1", type: "wash_trading" };
    const falseAlarm: ScoredAlert = { ...alert, alertId: "A2", userId: "market-maker", relatedOrderIds: [] };
    const scores = scoreAlerts([alert, falseAlarm], [label, second, wash]);
    expect(scores.map((score) => score.type)).toEqual([
      "spoofing",
      "layering",
      "wash_trading",
      "momentum",
      "front_running",
      "quote_stuffing",
    ]);
    expect(scores[0]).toEqual({ type: "spoofing", precision: 0.5, recall: 0.5, alerts: 2, labelled: 2 });
    // No alerts of a labelled type: precision and recall 0; nothing at all: both 0 (the run tested nothing).
    expect(scores[2]).toEqual({ type: "wash_trading", precision: 0, recall: 0, alerts: 0, labelled: 1 });
    expect(scores[1]).toEqual({ type: "layering", precision: 0, recall: 0, alerts: 0, labelled: 0 });
  });

  it("lets one alert cover two labels and two alerts share one label", () => {
    const second: ManipulationLabel = { ...label, labelId: "L2", orderIds: ["o3"] };
    const both: ScoredAlert = { ...alert, relatedOrderIds: ["o1", "o3"] };
    const again: ScoredAlert = { ...alert, alertId: "A3" };
    expect(scoreAlerts([both, again], [label, second])[0]).toEqual({
      type: "spoofing",
      precision: 1,
      recall: 1,
      alerts: 2,
      labelled: 2,
    });
  });

  it("rounds to four decimals", () => {
    const labels = [
      label,
      {
        ...label,
        labelId: "L2",
        orderIds: ["x"],
        startedAt: "2026-11-24T16:00:00.000Z",
        endedAt: "2026-11-24T16:00:00.000Z",
      },
      {
        ...label,
        labelId: "L3",
        orderIds: ["y"],
        startedAt: "2026-11-24T17:00:00.000Z",
        endedAt: "2026-11-24T17:00:00.000Z",
      },
    ];
    expect(scoreAlerts([alert], labels)[0]?.recall).toBe(0.3333);
  });
});

describe("marketMakerCheck and missedTargets", () => {
  it("counts spoofing and quote stuffing alerts naming a market maker", () => {
    const alerts: ScoredAlert[] = [
      { ...alert, userId: "mm1" },
      { ...alert, alertId: "A2", type: "quote_stuffing", userId: "mm1" },
      { ...alert, alertId: "A3", type: "layering", userId: "mm1" },
      alert,
    ];
    expect(marketMakerCheck(alerts, ["mm1"])).toEqual({
      check: "market_makers",
      spoofing: 1,
      quote_stuffing: 1,
    });
    expect(marketMakerCheck([], [])).toEqual({ check: "market_makers", spoofing: 0, quote_stuffing: 0 });
  });

  it("lists every target missed, exactly at 0.9 passes", () => {
    const pass = { type: "spoofing" as const, precision: 0.9, recall: 0.9, alerts: 10, labelled: 10 };
    const clean = { check: "market_makers" as const, spoofing: 0, quote_stuffing: 0 };
    expect(missedTargets([pass], clean)).toEqual([]);
    expect(
      missedTargets([{ ...pass, precision: 0.8999, recall: 0.5 }], {
        ...clean,
        spoofing: 2,
        quote_stuffing: 1,
      }),
    ).toEqual([
      "spoofing precision 0.8999 < 0.9",
      "spoofing recall 0.5 < 0.9",
      "2 spoofing alert(s) on market makers",
      "1 quote_stuffing alert(s) on market makers",
    ]);
  });
});
