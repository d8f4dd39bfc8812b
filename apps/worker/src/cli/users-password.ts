/**
 * Where `nexus users create` and `users reset-password` get a new password. Never from the command
 * line: arguments are kept in shell history and shown to every user of the host by `ps`. Piped on
 * stdin it is read there; with a terminal on stdin (nobody piped one) or `--generate-password`, none is
 * read and the use case generates one, which the command prints once.
 */
import type { Readable } from "node:stream";
import { UsageError } from "./usage-error.js";

/** Standard input as far as this needs it: a stream, and whether a terminal is behind it. */
export type PasswordInput = Readable & { isTTY?: boolean };

/** True for an argument that tries to pass a password (`--password`, `--password=...`, `--pass ...`). */
export function isPasswordArgument(argument: string): boolean {
  return /^--pass(word)?(=|$)/i.test(argument);
}

/** The piped password (without its line ending), or undefined when one is to be generated. */
export async function readNewPassword(stdin: PasswordInput, generate: boolean): Promise<string | undefined> {
  if (generate || stdin.isTTY === true) return undefined;
  // Decoded as a stream, so a character split across two chunks stays whole.
  stdin.setEncoding("utf8");
  let text = "";
  for await (const chunk of stdin) text += String(chunk);
  const password = text.replace(/\r?\n$/, "");
  if (password === "") {
    throw new UsageError(
      'no password on stdin: pipe one in (echo "$PASSWORD" | nexus users ...) or pass --generate-password',
    );
  }
  if (/[\r\n]/.test(password)) throw new UsageError("the password on stdin must be a single line");
  return password;
}
