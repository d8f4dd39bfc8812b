/** Runs the worker's entry points as real processes, the way an operator or `npm start` does. */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `nexus ARGS...` through the bin shim, with `stdin` piped in (and stdin closed, as after a pipe,
 * when none is given); resolves when it exits.
 */
export function runNexus(args: string[], env: Record<string, string>, stdin?: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["apps/worker/bin/nexus.mjs", ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
    // A command that exits without reading its stdin closes the pipe under us: not a failure.
    child.stdin.on("error", () => undefined);
    child.stdin.end(stdin);
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  /** The HTTP port it logged once ingesting. */
  httpPort: number;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** `node --import tsx apps/worker/src/main.ts`, as scripts/start.ts spawns it; resolves once it ingests. */
export function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: repoRoot,
    env: { ...process.env, WORKER_PORT: "0", LOG_LEVEL: "info", ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const started = /"port":(\d+)[^\n]*"msg":"worker ingesting"/.exec(output);
      if (started?.[1]) resolve({ child, httpPort: Number(started[1]), exited });
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before ingesting:\n${output}`)));
  });
}
