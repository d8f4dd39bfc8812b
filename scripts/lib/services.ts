/** Small helpers the start and test scripts share: is something listening, run a command, wait. */
import { spawn, type SpawnOptions } from "node:child_process";
import net from "node:net";

export function isListening(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** `host:port` -> parts; the first broker of a comma-separated list. */
export function firstHostPort(list: string, defaultPort: number): { host: string; port: number } {
  const [first = ""] = list.split(",");
  const [host = "127.0.0.1", port] = first.trim().split(":");
  return { host, port: port ? Number(port) : defaultPort };
}

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
