/**
 * A byte-based progress bar on a terminal (stderr, so stdout keeps only the summary line), nothing
 * when output is piped or in CI logs.
 */
import cliProgress from "cli-progress";

/** Where `nexus` writes: a process's stdout or stderr (a terminal or not), or a test's stream. */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface Progress {
  update(bytesRead: number): void;
  stop(): void;
}

export function startProgress(
  label: string,
  totalBytes: number,
  stream: OutputStream,
  unit = "bytes",
): Progress {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalBytes, 0);
  return {
    update: (bytesRead) => bar.update(Math.min(bytesRead, totalBytes)),
    stop: () => bar.stop(),
  };
}
