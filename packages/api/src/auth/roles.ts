import type { userRole } from "@nexus/db/schema";

import type { ApiKeyScope, ServiceScopeAccess } from "./scopes";

/** Roles of people who sign in; the database enum `user_role` is the single source. */
export type Role = (typeof userRole.enumValues)[number];

/**
 * What a procedure may allow: a person's role, `service` for every API key, or `service:<scope>` for the
 * API keys given that scope (auth/scopes.ts).
 */
export type Access = Role | "service" | ServiceScopeAccess;

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** A service authenticated by an API key. */
export type ServiceCaller = { id: string; name: string; prefix: string; scopes: readonly ApiKeyScope[] };

/** Who is calling: a signed-in person (with the digest of their session token) or a service. */
export type Principal =
  { kind: "user"; user: SessionUser; sessionTokenHash: string } | { kind: "service"; apiKey: ServiceCaller };

/** Every human role; `authedProcedure` allows exactly these. */
export const HUMAN_ROLES = ["compliance", "trader", "ops", "admin"] as const satisfies readonly Role[];

/**
 * Admin passes every check made for people (least surprise for the operators who manage the
 * desk), but API keys pass only where a procedure explicitly allows `service`, or `service:<scope>`
 * for a scope the key holds: a leaked service key must never reach the screens meant for people, and a
 * key reaches only what its scopes name.
 */
export function isAllowed(principal: Principal, allowed: readonly Access[]): boolean {
  if (principal.kind === "service") {
    return (
      allowed.includes("service") ||
      principal.apiKey.scopes.some((scope) => allowed.includes(`service:${scope}`))
    );
  }
  return principal.user.role === "admin" || allowed.includes(principal.user.role);
}
