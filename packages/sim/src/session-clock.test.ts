import { describe, expect, it } from "vitest";
import { SessionClock, parseSpeed, sessionOpenMs } from "./session-clock";

describe("sessionOpenMs", () => {
  it("is 09:30 in New York: 13:30 UTC under daylight saving, 14:30 UTC in winter", () => {
    expect(new Date(sessionOpenMs("2016-06-24")).toISOString()).toBe("2016-06-24T13:30:00.000Z");
    expect(new Date(sessionOpenMs("2016-01-04")).toISOString()).toBe("2016-01-04T14:30:00.000Z");
    // The Monday after the spring-forward Sunday, and after the fall-back one.
    expect(new Date(sessionOpenMs("2016-03-14")).toISOString()).toBe("2016-03-14T13:30:00.000Z");
    expect(new Date(sessionOpenMs("2016-11-07")).toISOString()).toBe("2016-11-07T14:30:00.000Z");
  });

  it("refuses what is not a YYYY-MM-DD date", () => {
    expect(() => sessionOpenMs("24/06/2016")).toThrow(/date: expected YYYY-MM-DD/);
  });
});

describe("parseSpeed", () => {
  it.each([
    ["10x", 10],
    ["1x", 1],
    ["100X", 100],
    ["2.5x", 2.5],
    ["7", 7],
  ])("reads %s as %d", (text, speed) => {
    expect(parseSpeed(text)).toBe(speed);
  });

  it.each(["0x", "0.5x", "101x", "fast", "x10", "-2x", ""])("refuses %j", (text) => {
    expect(parseSpeed(text)).toBeUndefined();
  });
});

describe("SessionClock", () => {
  const start = sessionOpenMs("2016-06-24");

  it("runs simulated time at speed times the wall clock from its start", () => {
    const clock = new SessionClock({ startMs: start, wallMs: 1_000, speed: 10 });
    expect(clock.now(1_000)).toBe(start);
    expect(clock.now(4_000)).toBe(start + 30_000);
    expect(clock.wallTimeOf(start + 30_000)).toBe(4_000);
  });

  it("stands still while paused and goes on from there, not from the wall clock, on resume", () => {
    const clock = new SessionClock({ startMs: start, wallMs: 0, speed: 2 });
    clock.pause(1_000);
    expect(clock.paused).toBe(true);
    expect(clock.now(60_000)).toBe(start + 2_000);
    expect(clock.wallTimeOf(start + 2_000)).toBe(1_000);
    clock.pause(70_000);
    clock.resume(60_000);
    expect(clock.paused).toBe(false);
    expect(clock.now(61_000)).toBe(start + 4_000);
    clock.resume(62_000);
    expect(clock.now(62_000)).toBe(start + 6_000);
  });

  it("changes speed without a jump in simulated time, paused or running", () => {
    const clock = new SessionClock({ startMs: start, wallMs: 0, speed: 1 });
    clock.setSpeed(100, 10_000);
    expect(clock.speed).toBe(100);
    expect(clock.now(10_000)).toBe(start + 10_000);
    expect(clock.now(11_000)).toBe(start + 110_000);
    clock.pause(11_000);
    clock.setSpeed(5, 20_000);
    expect(clock.now(20_000)).toBe(start + 110_000);
    clock.resume(30_000);
    expect(clock.now(31_000)).toBe(start + 115_000);
    expect(() => clock.setSpeed(0.5, 32_000)).toThrow(/speed: expected 1 to 100/);
    expect(() => new SessionClock({ startMs: start, wallMs: 0, speed: 101 })).toThrow(/speed/);
  });

  it("is held back to where the flow really is, never pushed forward", () => {
    const clock = new SessionClock({ startMs: start, wallMs: 0, speed: 10 });
    clock.holdAt(start + 5_000, 1_000);
    expect(clock.now(1_000)).toBe(start + 5_000);
    expect(clock.now(2_000)).toBe(start + 15_000);
    clock.holdAt(start + 60_000, 2_000);
    expect(clock.now(2_000)).toBe(start + 15_000);
  });
});
