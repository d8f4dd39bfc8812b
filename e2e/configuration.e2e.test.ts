import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";

// The built web app as the Docker image runs it (`next start` alone, no launcher in front): a bad
// configuration must stop it at start-up with one line naming the variable, not fail the first request.
const webDir = path.resolve(import.meta.dirname, "../apps/web");
const nextBin = createRequire(path.join(webDir, "package.json")).resolve("next/dist/bin/next");

function startWith(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [nextBin, "start", "--port", "0"], {
      cwd: webDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A server that keeps running has accepted the configuration; the test then fails on the exit code.
    const giveUp = setTimeout(() => server.kill("SIGKILL"), 30_000);
    server.once("error", reject);
    server.once("exit", (code) => {
      clearTimeout(giveUp);
      resolve({ code, stderr });
    });
  });
}

describe("the web app's configuration", () => {
  it("stops next start at once with one line naming a bad variable", async () => {
    const { code, stderr } = await startWith({
      DATABASE_URL: inject("databaseUrl"),
      TRUSTED_PROXY_COUNT: "two",
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toContain(
      "nexus: invalid configuration: TRUSTED_PROXY_COUNT: expected the number of reverse proxies in front of the web app (0-99)",
    );
  });
});
