import type { Principal } from "./auth/roles";

/** The `actor_type`/`actor_id` pair of an audit row for whoever made the change. */
export function auditActor(principal: Principal): { actorType: "user" | "service"; actorId: string } {
  return principal.kind === "user"
    ? { actorType: "user", actorId: principal.user.id }
    : { actorType: "service", actorId: principal.apiKey.id };
}
