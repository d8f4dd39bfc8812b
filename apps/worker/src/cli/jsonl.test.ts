import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JsonlLine } from "./jsonl.js";
import { fileSize, readJsonlLines } from "./jsonl.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "nexus-jsonl-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function linesOf(content: string): Promise<{ lines: JsonlLine[]; size: number }> {
  const file = path.join(dir, "events.jsonl");
  await writeFile(file, content);
  const lines: JsonlLine[] = [];
  for await (const line of readJsonlLines(file)) lines.push(line);
  return { lines, size: await fileSize(file) };
}

describe("readJsonlLines", () => {
  it("numbers lines as an editor does, skipping blank ones", async () => {
    const { lines } = await linesOf('{"a":1}\n\n   \n{"b":2}\n');
    expect(lines.map(({ lineNumber, text }) => [lineNumber, text])).toEqual([
      [1, '{"a":1}'],
      [4, '{"b":2}'],
    ]);
  });

  it("reads a last line without a trailing newline and drops CRLF's \\r", async () => {
    const { lines } = await linesOf('{"a":1}\r\n{"b":"é"}');
    expect(lines.map((line) => line.text)).toEqual(['{"a":1}', '{"b":"é"}']);
  });

  it("reports byte progress that reaches the file size on the last line", async () => {
    const { lines, size } = await linesOf('{"symbol":"ÄPPL"}\n{"b":2}\n');
    expect(lines.at(-1)?.bytesRead).toBe(size);
  });

  it("yields nothing for an empty file", async () => {
    expect((await linesOf("")).lines).toEqual([]);
  });
});
