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

  it("makes users per pattern and look-alike, and a linked pair of accounts per linked wash ring", () => {
    const population = manipulationPopulation(new SeededRandom(1), { usersPerType: 3 });
    // 3 per pattern, wash rings add their second side (linked, colluding), 2 block desks, and 3 users
    // for each of the 4 look-alikes.
    expect(population.users).toHaveLength(3 * 6 + 2 + 2 + 3 * 4);
    expect(new Set(population.users.map((user) => user.userId)).size).toBe(population.users.length);
    expect(population.relatedAccounts()).toHaveLength(1);
    expect(population.labels()).toEqual([]);
    expect(population.agentsFor("AAPL")).toHaveLength(6 + 4);
    expect(
      manipulationPopulation(new SeededRandom(1), { types: ["spoofing"], lookAlikes: false }).agentsFor("KO"),
    ).toHaveLength(1);
  });

  it("registers who is who: the front-runners on their block desk, the prop traders on desks of their own", () => {
    const population = manipulationPopulation(new SeededRandom(1), { usersPerType: 3 });
    const reference = population.reference?.();
    const named = (name: string) => population.users.find((user) => user.name === name)?.userId;
    const blockDesk = reference?.desks.find((desk) => desk.agencyUsers.includes(named("Block desk 1") ?? ""));
    expect(blockDesk?.principalUsers).toContain(named("Front-runner 1"));
    expect(blockDesk?.principalUsers).not.toContain(named("Prop trader 1"));
    expect(reference?.desks.some((desk) => desk.principalUsers.includes(named("Prop trader 1") ?? ""))).toBe(
      true,
    );
    // The linked wash ring's two accounts have one beneficial owner.
    const [[first, second] = ["", ""]] = population.relatedAccounts();
    expect(reference?.beneficialOwners[first]).toBe(reference?.beneficialOwners[second]);
    expect(
      manipulationPopulation(new SeededRandom(1), { lookAlikes: false }).reference?.().desks,
    ).toHaveLength(2);
  });

  it("refuses bad options", () => {
    expect(() => manipulationPopulation(new SeededRandom(1), { usersPerType: 0 })).toThrow(/usersPerType/);
    expect(() => manipulationPopulation(new SeededRandom(1), { intensity: -1 })).toThrow(/intensity/);
  });
});
