import { describe, expect, it } from "vitest";
import { canOpen, isActiveSection, navigationFor } from "./navigation";

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((item) => item.label);

describe("navigationFor", () => {
  it("shows a trader the desk sections but neither alerts, the audit log, API keys nor users", () => {
    expect(labels("trader")).toEqual(["Overview", "Portfolio"]);
  });

  it("shows compliance the audit log but neither API keys nor users", () => {
    expect(labels("compliance")).toEqual([
      "Overview",
      "Alerts",
      "Surveillance",
      "Portfolio",
      "Data quality",
      "Audit log",
    ]);
  });

  it("shows ops the routing operations screens, which no trader sees", () => {
    expect(labels("ops")).toEqual(["Overview", "Routing", "Best execution"]);
  });

  it("shows an admin everything", () => {
    expect(labels("admin")).toEqual([
      "Overview",
      "Alerts",
      "Surveillance",
      "Portfolio",
      "Data quality",
      "Routing",
      "Best execution",
      "Audit log",
      "API keys",
      "Users",
      "Simulation",
    ]);
  });
});

describe("canOpen", () => {
  it("keeps the compliance workspace from traders and ops", () => {
    expect(canOpen("trader", "/alerts")).toBe(false);
    expect(canOpen("ops", "/alerts")).toBe(false);
    expect(canOpen("compliance", "/alerts")).toBe(true);
  });

  it("refuses the audit log to a trader and allows it to compliance", () => {
    expect(canOpen("trader", "/audit")).toBe(false);
    expect(canOpen("compliance", "/audit")).toBe(true);
  });

  it("reserves API keys for admins", () => {
    expect(canOpen("compliance", "/api-keys")).toBe(false);
    expect(canOpen("admin", "/api-keys")).toBe(true);
  });

  it("reserves the users screen for admins", () => {
    for (const role of ["compliance", "trader", "ops"] as const) expect(canOpen(role, "/users")).toBe(false);
    expect(canOpen("admin", "/users")).toBe(true);
  });

  it("throws for a section that does not exist rather than silently allowing it", () => {
    expect(() => canOpen("admin", "/nowhere")).toThrow("/nowhere");
  });
});

describe("isActiveSection", () => {
  it("marks the overview active only on /", () => {
    expect(isActiveSection("/", "/")).toBe(true);
    expect(isActiveSection("/audit", "/")).toBe(false);
  });

  it("marks a section active on its sub-pages but not on a look-alike prefix", () => {
    expect(isActiveSection("/alerts/42", "/alerts")).toBe(true);
    expect(isActiveSection("/alertsarchive", "/alerts")).toBe(false);
  });
});
