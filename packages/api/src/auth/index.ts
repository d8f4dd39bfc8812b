/** `@nexus/api/auth`: what runs outside tRPC: the web app's proxy, server components and start-up seeding, the worker's WebSocket. */
export { SESSION_COOKIE, readCookie } from "./cookies";
export { resolveApiKey } from "./api-key";
export { crossSiteRefusal } from "./cross-site";
export { bearerToken, isHttps } from "../request-meta";
export { resolveSessionUser } from "./session";
export { seedDemoUsers } from "./seed";
export type { DemoAccount } from "./seed";
export type { Role, ServiceCaller, SessionUser } from "./roles";
