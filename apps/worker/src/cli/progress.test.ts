import { describe, expect, it } from "vitest";
import { CapturedOutput } from "../../test/nexus-in-process.js";
import { startProgress } from "./progress.js";

describe("startProgress", () => {
  it("draws a byte bar on a terminal and ends it at what was read", () => {
    const terminal = new CapturedOutput(true);
    const progress = startProgress("replay", 2048, terminal);
    progress.update(1024);
    progress.update(4096);
    progress.stop();
    expect(terminal.text).toContain("replay [");
    expect(terminal.text).toContain("100% | 2048/2048 bytes");
  });

  it("writes nothing when the output is piped", () => {
    const piped = new CapturedOutput(false);
    const progress = startProgress("replay", 2048, piped);
    progress.update(1024);
    progress.stop();
    expect(piped.text).toBe("");
  });
});
