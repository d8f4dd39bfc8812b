import { ALERT_TYPES } from "@nexus/core/events";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random";
import { manipulationPopulation } from "./population";
import { runWith } from "./test-support";

describe("manipulationPopulation", () => {
  it.each(ALERT_TYPES)("injects %s reproducibly: same seed, same labels; another seed, others", (type) => {
    const first = runWith(type, 5, 60_000);
    const again = runWith(type, 5, 60_000);
    expect(first.labels.length).toBeGreaterThan(0);
    expect(again.labels).toEqual(first.labels);
    expect(again.events).toEqual(first.events);
    expect(runWith(type, 6, 60_000).labels[0]).not.toEqual(first.labels[0]);
    expect(first.labels.every((label) => label.type === type)).toBe(true);
  });

  it("makes users per pattern, a linked pair of accounts per linked wash ring, and refuses bad options", () => {
    const population = manipulationPopulation(new SeededRandom(1), { usersPerType: 3 });
    // 3 per pattern, wash rings add their second side (linked, colluding), front running adds 2 block desks.
    expect(population.users).toHaveLength(3 * 6 + 2 + 2);
    expect(new Set(population.users.map((user) => user.userId)).size).toBe(population.users.length);
    expect(population.relatedAccounts()).toHaveLength(1);
    expect(population.labels()).toEqual([]);
    expect(population.agentsFor("AAPL")).toHaveLength(6);
    expect(manipulationPopulation(new SeededRandom(1), { types: ["spoofing"] }).agentsFor("KO")).toHaveLength(
      1,
    );
    expect(() => manipulationPopulation(new SeededRandom(1), { usersPerType: 0 })).toThrow(/usersPerType/);
    expect(() => manipulationPopulation(new SeededRandom(1), { intensity: -1 })).toThrow(/intensity/);
  });
});
