/**
 * COPY's text format read back: rows cut at their newlines wherever the chunks end, escapes undone,
 * literals quoted whatever they hold, and a failing row handler surfacing once the stream has ended.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { quoteLiteral, readCopyRows, unescapeCopyText } from "./copy-rows";

const streamOf = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

async function rowsOf(stream: Readable): Promise<string[]> {
  const rows: string[] = [];
  await readCopyRows(stream, (row) => rows.push(row));
  return rows;
}

describe("readCopyRows", () => {
  it("reads a row per message, and rows or characters cut across chunks whole", async () => {
    expect(await rowsOf(streamOf("a\tb\n", "c\n"))).toEqual(["a\tb", "c"]);
    const text = "é😀\nsecond\nthird\n";
    const bytes = Buffer.from(text);
    // Cut inside the two-byte é, inside the emoji, and inside a row.
    const cuts = [1, 4, 9, bytes.length];
    const chunks = cuts.map((end, index) => bytes.subarray(cuts[index - 1] ?? 0, end));
    const rows: string[] = [];
    await readCopyRows(Readable.from(chunks), (row) => rows.push(row));
    expect(rows).toEqual(["é😀", "second", "third"]);
  });

  it("undoes COPY's escapes", async () => {
    expect(await rowsOf(streamOf("tab\\there\\\\not\\\\n\\nline\\r\\b\\f\\v\\x\n"))).toEqual([
      "tab\there\\not\\n\nline\r\b\f\vx",
    ]);
  });

  it("refuses a null row and a stream ending inside a row", async () => {
    await expect(rowsOf(streamOf("\\N\n"))).rejects.toThrow(/null/);
    await expect(rowsOf(streamOf("a\n", "b"))).rejects.toThrow(/inside a row/);
  });

  it("reads the rest of the stream after the handler fails, then rejects with its error", async () => {
    const seen: string[] = [];
    const stream = streamOf("1\n", "2\n", "3\n");
    await expect(
      readCopyRows(stream, (row) => {
        seen.push(row);
        if (row === "2") throw new Error("replay failed");
      }),
    ).rejects.toThrow("replay failed");
    expect(seen).toEqual(["1", "2"]);
    expect(stream.readableEnded).toBe(true);
  });

  it("rejects with the stream's own error", async () => {
    const stream = new Readable({ read() {} });
    const read = readCopyRows(stream, () => undefined);
    stream.destroy(new Error("connection lost"));
    await expect(read).rejects.toThrow("connection lost");
  });
});

describe("quoteLiteral", () => {
  it("quotes quotes and backslashes, and refuses NUL", () => {
    expect(quoteLiteral("AAPL")).toBe("E'AAPL'");
    expect(quoteLiteral("O'Neil\\x")).toBe("E'O''Neil\\\\x'");
    expect(() => quoteLiteral("a\0b")).toThrow(/NUL/);
  });

  it("leaves text without a backslash as it is", () => {
    expect(unescapeCopyText("plain text")).toBe("plain text");
  });
});
