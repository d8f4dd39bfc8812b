/**
 * Sign-in throttling. NIST SP 800-63B §5.2.2 requires a verifier to limit consecutive failed
 * authentication attempts on an account; the OWASP Authentication Cheat Sheet ("Protect Against
 * Automated Attacks") adds limits per source address against password spraying across accounts.
 *
 * An attempt is counted before the password is checked, so a refused caller costs no argon2 work
 * and concurrent guesses cannot all slip through between check and count. A success then takes its
 * attempt back: the account's counter is reset (OWASP: reset on successful login), the address's
 * loses one count, so what is left counted is failures, and an office behind one NAT address can
 * sign everyone in while a spraying attacker cannot reset the address counter with a valid login.
 */
import { isIPv4, isIPv6 } from "node:net";

import type { RateLimitRule, RateLimiter } from "@nexus/platform/rate-limit";
import { normalizeEmail } from "@nexus/services/users";
import { TRPCError } from "@trpc/server";

import { sha256Hex } from "./tokens";

const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

/**
 * 5 failures per account per 15 minutes stops online guessing well below NIST's ceiling of 100
 * consecutive failures while a person who mistyped can still sign in; 20 per address leaves room for
 * several people behind one NAT but stops a spray across many accounts.
 */
export const SIGN_IN_LIMITS = {
  account: { limit: 5, windowMs: FIFTEEN_MINUTES_MS },
  address: { limit: 20, windowMs: FIFTEEN_MINUTES_MS },
} as const satisfies Record<string, RateLimitRule>;

/** What of the request context throttling needs. */
type SignInRequest = { rateLimiter: RateLimiter; ip: string | null; resHeaders: Headers };

/**
 * The address range one client controls: an IPv4 address, or an IPv6 /64 (RFC 4291 gives a
 * subscriber's LAN a whole /64, so per-address limits on IPv6 would be evaded by counting through it).
 */
export function addressRange(address: string): string {
  const mappedIPv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mappedIPv4 !== undefined) return mappedIPv4;
  if (!isIPv6(address)) return address;
  const [head = "", tail] = address.split("%")[0]?.split("::") ?? [];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  // An embedded dotted IPv4 (`::1.2.3.4`) fills the last two groups, beyond the /64 anyway.
  const tailGroups = groups(tail).flatMap((group) => (isIPv4(group) ? ["0", "0"] : [group]));
  const zeros =
    tail === undefined ? [] : Array<string>(8 - groups(head).length - tailGroups.length).fill("0");
  const prefix = [...groups(head), ...zeros, ...tailGroups].slice(0, 4);
  return `${prefix.map((group) => Number.parseInt(group, 16).toString(16)).join(":")}::/64`;
}

/** Keys in the limiter: the account by a digest of its email (no email addresses in Redis). */
function signInKeys(email: string, ip: string | null) {
  return {
    account: `sign-in:account:${sha256Hex(normalizeEmail(email))}`,
    address: ip === null ? null : `sign-in:address:${addressRange(ip)}`,
  };
}

/**
 * Counts a sign-in attempt for the account and the client address. Over either limit it throws
 * TOO_MANY_REQUESTS (HTTP 429) "Try again in N s." with `Retry-After: N` on the response.
 */
export async function admitSignIn(request: SignInRequest, email: string): Promise<void> {
  const keys = signInKeys(email, request.ip);
  const decisions = await Promise.all([
    request.rateLimiter.consume(keys.account, SIGN_IN_LIMITS.account),
    keys.address === null ? null : request.rateLimiter.consume(keys.address, SIGN_IN_LIMITS.address),
  ]);
  const refusals = decisions.flatMap((decision) =>
    decision === null || decision.allowed ? [] : [decision.retryAfterMs],
  );
  if (refusals.length === 0) return;
  const seconds = Math.max(1, Math.ceil(Math.max(...refusals) / 1000));
  request.resHeaders.set("Retry-After", String(seconds));
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many sign-in attempts. Try again in ${seconds} s.`,
  });
}

/** After a successful sign-in: the account starts afresh, the address gets its attempt back. */
export async function signInSucceeded(request: SignInRequest, email: string): Promise<void> {
  const keys = signInKeys(email, request.ip);
  await Promise.all([
    request.rateLimiter.reset(keys.account),
    keys.address === null ? undefined : request.rateLimiter.refund(keys.address),
  ]);
}
