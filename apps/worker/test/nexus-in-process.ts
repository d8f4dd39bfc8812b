/**
 * `nexus ARGS...` run in the test's own process through runCli, so coverage sees it: the same result
 * as runNexus (test/processes.ts) gets from the real binary, with the operator's shell as the default
 * (LOG_LEVEL unset, stdin closed and empty, output piped).
 */
import { Readable, Writable } from "node:stream";
import { runCli } from "../src/cli/run-cli.js";
import type { WorkerEnv } from "../src/env.js";
import type { Finished } from "./processes.js";
import { testWorkerEnv } from "./services.js";

/** A stream that keeps what was written; with `isTTY` it is a terminal (the progress bar draws). */
export class CapturedOutput extends Writable {
  text = "";

  constructor(readonly isTTY = false) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

export interface InProcessRun {
  /** Overrides of testWorkerEnv (real services, `VAR: ""` unsets): the schema, the brokers, ... */
  env?: Record<string, string>;
  /** Instead of the test env: e.g. one that throws, to show a command never read it. */
  loadEnv?: () => WorkerEnv;
  /** Piped on stdin; without it stdin is closed and empty, as `< /dev/null`. */
  stdin?: string;
  /** A terminal on stdin (nothing piped): users commands generate the password. */
  stdinIsTerminal?: boolean;
  /** A terminal on stderr: the progress bar draws there. */
  stderrIsTerminal?: boolean;
  /** Who the audit log names. */
  operator?: string;
}

export async function runNexusInProcess(args: string[], run: InProcessRun = {}): Promise<Finished> {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput(run.stderrIsTerminal);
  const stdin = Object.assign(Readable.from(run.stdin === undefined ? [] : [run.stdin]), {
    isTTY: run.stdinIsTerminal,
  });
  const code = await runCli(args, {
    stdin,
    stdout,
    stderr,
    loadEnv: run.loadEnv ?? (() => testWorkerEnv({ LOG_LEVEL: "", ...run.env })),
    operator: run.operator ?? "test-operator",
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
