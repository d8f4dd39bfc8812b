/** `@nexus/api/auth`: what the web app needs outside tRPC (proxy, server components, start-up seeding). */
export { SESSION_COOKIE } from "./cookies";
export { crossSiteRefusal } from "./cross-site";
export { isHttps } from "../request-meta";
export { resolveSessionUser } from "./session";
export { seedDemoUsers } from "./seed";
export type { DemoAccount } from "./seed";
export type { Role, SessionUser } from "./roles";
