/**
 * Streams a JSONL file line by line without holding it in memory, with the byte position after each
 * line so a progress bar can track a multi-gigabyte replay by bytes instead of counting lines first.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";

export interface JsonlLine {
  /** 1-based, counting blank lines too, so it matches what an editor shows. */
  lineNumber: number;
  text: string;
  /** Bytes of the file consumed up to and including this line's newline. */
  bytesRead: number;
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Yields the non-blank lines of `path` (readline ends a line at `\n`, `\r\n` or `\r` alike). */
export async function* readJsonlLines(path: string): AsyncGenerator<JsonlLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  let bytesRead = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    bytesRead += Buffer.byteLength(raw, "utf8") + 1;
    if (raw.trim() === "") continue;
    yield { lineNumber, text: raw, bytesRead };
  }
}
