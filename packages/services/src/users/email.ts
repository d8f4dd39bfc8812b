import { z } from "zod";

/**
 * Emails are stored and compared trimmed and lower-cased, so `Ann@Example.com ` and `ann@example.com`
 * are one account (the local part is case-sensitive by RFC 5321, but no mail provider we know of
 * treats it so, and two accounts differing in case only would confuse every reviewer).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An email address as an administrator types it; parses to the normalized form. RFC 5321 caps it at 320. */
export const emailSchema = z.string().transform(normalizeEmail).pipe(z.email().max(320));
