import { createHash, randomBytes } from "node:crypto";

/** Session tokens and API keys carry 32 random bytes (256 bits), far beyond guessing range. */
const SECRET_BYTES = 32;
export const API_KEY_PREFIX = "nxk_";
/** Characters of a key kept in clear (`nxk_` + 8) so an admin can tell keys apart in the list. */
const API_KEY_VISIBLE_CHARS = API_KEY_PREFIX.length + 8;

/**
 * Hex SHA-256 of a bearer secret. Only this digest is stored: the secrets are high-entropy random
 * values, so a fast unsalted hash suffices (unlike passwords) and a database leak exposes no usable token.
 */
export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A new browser session token (base64url of 32 random bytes) and the digest to store. */
export function generateSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(SECRET_BYTES).toString("base64url");
  return { token, tokenHash: sha256Hex(token) };
}

/** A new service API key `nxk_<base64url of 32 random bytes>`, its visible prefix and stored digest. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
  return { key, prefix: key.slice(0, API_KEY_VISIBLE_CHARS), keyHash: sha256Hex(key) };
}
