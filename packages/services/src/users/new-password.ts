import { randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * NIST SP 800-63B section 5.1.1.2 asks for at least 8 characters for a password a person chooses; we
 * ask for 12, as these accounts can disposition surveillance alerts and manage other accounts. No
 * composition rules (the same section advises against them). At most 1024, the sign-in form's limit,
 * so every password set here can be typed there; long enough for any passphrase.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * What is wrong with a new password, or undefined when it will do. The minimum counts Unicode code
 * points (NIST SP 800-63B 5.1.1.2: each code point is one character); the maximum counts UTF-16 units,
 * as the sign-in form's limit does, so no password set here is too long to sign in with.
 */
export function newPasswordProblem(password: string): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return undefined;
}

/** A password an administrator types for someone; the message says what is wrong with it. */
export const newPasswordSchema = z.string().superRefine((password, context) => {
  const problem = newPasswordProblem(password);
  if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
});

/** 18 random bytes in base64url: 24 characters, 144 bits from the operating system's CSPRNG. */
const GENERATED_PASSWORD_BYTES = 18;

/** A strong random password for a new account or a reset, to be shown once and never stored in clear. */
export function generatePassword(): string {
  return randomBytes(GENERATED_PASSWORD_BYTES).toString("base64url");
}
