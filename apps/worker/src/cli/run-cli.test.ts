import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runNexusInProcess } from "../../test/nexus-in-process.js";

const fixture = fileURLToPath(new URL("../../test/fixtures/replay-sample.jsonl", import.meta.url));

/** Usage is checked before the configuration is read, so it answers even when that is broken. */
const unreadable = () => {
  throw new Error("the configuration was read");
};
const nexus = (args: string[]) => runNexusInProcess(args, { loadEnv: unreadable });

describe("nexus usage", () => {
  it.each([["--help"], ["-h"], ["help"]])(
    "prints the usage of every command on stdout for %s",
    async (flag) => {
      const run = await nexus([flag]);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toMatch(/^usage:\n {2}nexus replay FILE\.jsonl/);
      for (const command of ["nexus replay FILE.jsonl --ingest", "nexus db:migrate", "nexus users create"]) {
        expect(run.stdout).toContain(command);
      }
    },
  );

  it("prints the usage and exits 1 without a command", async () => {
    const run = await nexus([]);
    expect(run).toMatchObject({ code: 1, stderr: "" });
    expect(run.stdout).toMatch(/^usage:\n/);
  });

  it.each([["--help"], ["-h"], ["help"]])("prints the users commands alone for users %s", async (flag) => {
    const run = await nexus(["users", flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage:\n {2}nexus users create --email E --role R/);
    expect(run.stdout).not.toContain("nexus replay");
  });

  it.each([
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["replay"], "replay takes exactly one FILE.jsonl"],
    [["replay", fixture, fixture], "replay takes exactly one FILE.jsonl"],
    [
      ["replay", fixture, "--ingest", "--skip-invalid"],
      "--topic-from-event and --skip-invalid apply to publishing",
    ],
    [
      ["replay", fixture, "--ingest", "--topic-from-event"],
      "--topic-from-event and --skip-invalid apply to publishing",
    ],
    [["replay", fixture, "--bogus"], "Unknown option '--bogus'"],
    [["replay", "no/such/file.jsonl"], "cannot read no/such/file.jsonl"],
    [["db:migrate", "now"], "db:migrate takes no arguments"],
    [["users"], "users needs a subcommand: create, list, disable, enable, set-role, reset-password"],
    [["users", "frobnicate"], 'unknown users subcommand "frobnicate"'],
    [["users", "list", "everyone"], "users list takes only options"],
    [["users", "disable"], "--email is required"],
    [["users", "enable", "--email", "not-an-address"], "--email: not an email address"],
    [
      ["users", "set-role", "--email", "a@example.com"],
      "--role must be one of: compliance, trader, ops, admin",
    ],
    [
      ["users", "create", "--email", "a@example.com", "--role", "ops", "--nmae", "A"],
      "Unknown option '--nmae'",
    ],
  ])("refuses %j with exit 1, the reason and the usage on stderr", async (args, reason) => {
    const run = await nexus(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const [first, ...rest] = run.stderr.split("\n");
    expect(first).toContain(`nexus: ${reason}`);
    expect(rest[0]).toBe("usage:");
  });
});
