import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { isPasswordArgument, readNewPassword } from "./users-password.js";
import { UsageError } from "./usage-error.js";

/** Standard input as a pipe delivering `chunks`, or as a terminal. */
function stdin(chunks: Array<string | Buffer>, options: { tty?: boolean } = {}) {
  return Object.assign(Readable.from(chunks), { isTTY: options.tty });
}

describe("readNewPassword", () => {
  it("reads a piped password without its line ending", async () => {
    expect(await readNewPassword(stdin(["correct horse battery\n"]), false)).toBe("correct horse battery");
    expect(await readNewPassword(stdin(["windows line end\r\n"]), false)).toBe("windows line end");
    expect(await readNewPassword(stdin(["no line end"]), false)).toBe("no line end");
  });

  it("keeps a character split across two chunks whole", async () => {
    const lock = Buffer.from("🔒 passphrase\n");
    expect(await readNewPassword(stdin([lock.subarray(0, 2), lock.subarray(2)]), false)).toBe(
      "🔒 passphrase",
    );
  });

  it("reads nothing and asks for a generated password with a terminal on stdin or --generate-password", async () => {
    const terminal = stdin([], { tty: true });
    expect(await readNewPassword(terminal, false)).toBeUndefined();
    const piped = stdin(["ignored\n"]);
    expect(await readNewPassword(piped, true)).toBeUndefined();
    expect(piped.readableEnded).toBe(false);
  });

  it("refuses an empty stdin and more than one line, saying what to do", async () => {
    await expect(readNewPassword(stdin([]), false)).rejects.toThrow(
      /no password on stdin.*--generate-password/,
    );
    await expect(readNewPassword(stdin(["\n"]), false)).rejects.toThrow(UsageError);
    await expect(readNewPassword(stdin(["first line\nsecond line\n"]), false)).rejects.toThrow(
      "the password on stdin must be a single line",
    );
  });
});

describe("isPasswordArgument", () => {
  it("spots every way of passing a password as an argument", () => {
    for (const argument of ["--password", "--password=hunter2", "--pass", "--PASSWORD=x"]) {
      expect(isPasswordArgument(argument)).toBe(true);
    }
    for (const argument of ["--email", "--generate-password", "password", "--passphrase-file"]) {
      expect(isPasswordArgument(argument)).toBe(false);
    }
  });
});
