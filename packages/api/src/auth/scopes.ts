/**
 * What an API key may do beyond identifying itself (least privilege for service accounts): an admin picks
 * the scopes when creating the key, and each procedure a service may call names the one it needs
 * (`roleProcedure(..., serviceScope("routing:route"))`). A key that may route therefore cannot read
 * portfolios or alerts, and a key issued before scopes existed has none: it keeps the procedures open to
 * every key (auth.me, overview.summary) and gains nothing (migration 0005).
 */
export const API_KEY_SCOPES = {
  "routing:route": "Route and split orders, read the NBBO and venue rankings (no child orders sent)",
  "routing:execute": "Route and execute orders: child orders go to the venues",
  "routing:read": "Read routing statistics",
  "portfolio:read": "Read any trader's portfolio: positions, P&L and risk figures",
  "portfolio:cash": "Record deposits to and withdrawals from traders' accounts",
  "portfolio:sync": "Sync any trader's positions from the Orders service",
  "surveillance:halts": "Read the trading halts in force (to refuse halted orders upstream)",
  "reports:read": "Read the Rule 605/606 best-execution reports",
} as const;

export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export const API_KEY_SCOPE_NAMES = Object.keys(API_KEY_SCOPES) as [ApiKeyScope, ...ApiKeyScope[]];

/** How a procedure's access rule lets in an API key holding `scope`. */
export type ServiceScopeAccess = `service:${ApiKeyScope}`;

export function serviceScope<const S extends ApiKeyScope>(scope: S): `service:${S}` {
  return `service:${scope}`;
}

/** The scopes of a stored key that this version knows (a scope since dropped grants nothing). */
export function knownScopes(stored: readonly string[]): ApiKeyScope[] {
  return stored.filter((scope): scope is ApiKeyScope => Object.hasOwn(API_KEY_SCOPES, scope));
}
