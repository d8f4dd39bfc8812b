import { normalizeEmail } from "@nexus/db/queries/auth";
import { z } from "zod";

export { normalizeEmail };

/** An email address as an administrator types it; parses to the normalized form. RFC 5321 caps it at 320. */
export const emailSchema = z.string().transform(normalizeEmail).pipe(z.email().max(320));
