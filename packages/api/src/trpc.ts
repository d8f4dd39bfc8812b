/**
 * tRPC setup: the request context, error formatting and the only procedure builders routers may
 * use. Every procedure starts from `publicProcedure` or `roleProcedure` (and `authedProcedure`,
 * which is one), each of which records its access rule in the procedure's meta; `router.test.ts`
 * walks the router and fails on any procedure without that rule, any procedure without an input
 * schema, and any non-public procedure an anonymous caller can reach.
 */
import { randomInt } from "node:crypto";
import { TRPCError, initTRPC } from "@trpc/server";
import type { RandomSource } from "@nexus/core/random";
import type { Database } from "@nexus/db/client";
import type { Cache } from "@nexus/platform/cache";
import type { OrdersClient } from "@nexus/platform/http/orders";
import type { RateLimiter } from "@nexus/platform/rate-limit";
import type { PortfolioAnalytics } from "@nexus/services/portfolio";
import type { RoutingService } from "@nexus/services/routing";
import type { CalibrationRunner } from "@nexus/services/surveillance";
import type { OpenApiMeta } from "trpc-to-openapi";
import { z } from "zod";

import { resolveApiKey } from "./auth/api-key";
import { SESSION_COOKIE, readCookie } from "./auth/cookies";
import { HUMAN_ROLES, isAllowed } from "./auth/roles";
import type { Access, Principal } from "./auth/roles";
import { resolveSession } from "./auth/session";
import { bearerToken, clientIp, isHttps, type RequestHeaders } from "./request-meta";
import { wireTransformer } from "./wire-transformer";

export type Context = {
  db: Database;
  /** The authenticated caller, or null when anonymous (or the credential was invalid/expired). */
  principal: Principal | null;
  ip: string | null;
  userAgent: string | null;
  /** The request came over https: cookies set in this request must be `Secure`. */
  secure: boolean;
  /** Response headers the HTTP adapter sends back (Set-Cookie). */
  resHeaders: Headers;
  clock: () => Date;
  /** Counts sign-in attempts (auth/sign-in-limit.ts). */
  rateLimiter: RateLimiter;
  /** The process's routing use cases (@nexus/services/routing); absent where nothing routes. */
  routing?: RoutingService;
  /** The process's portfolio analytics (@nexus/services/portfolio); built per database when not given. */
  portfolio?: PortfolioAnalytics;
  /** The Orders service positions are synced from; absent when ORDERS_SERVICE_URL is not set. */
  orders?: Pick<OrdersClient, "positions">;
  /** The cache trading profiles share with the worker that invalidates them (Redis); absent: none. */
  profileCache?: Cache;
  /** Runs the calibration sandbox off this process's event loop; absent: in process (tests, the CLI). */
  calibration?: CalibrationRunner;
  /** Draws for the use cases that sample (which closures go to four-eyes QA). */
  random: RandomSource;
};

/** What a server process hands every request's context; built once per process. */
export type ContextDeps = {
  db: Database;
  /** Redis-backed when REDIS_URL is set, so all web replicas share the counts. */
  rateLimiter: RateLimiter;
  /** Reverse proxies in front of the app whose X-Forwarded-* headers are believed (env TRUSTED_PROXY_COUNT). */
  trustedProxyCount: number;
  /** The routing use cases, built once per process with its bus, cache and venue gateway. */
  routing?: RoutingService;
  /** Portfolio analytics with the process's cache (Redis when REDIS_URL is set) and risk thread pool. */
  portfolio?: PortfolioAnalytics;
  /** The Orders service client (ORDERS_SERVICE_URL), built once per process so its breaker is shared. */
  orders?: Pick<OrdersClient, "positions">;
  /** Redis when REDIS_URL is set (a process-local cache could not see the worker's invalidations). */
  profileCache?: Cache;
  /** The calibration sandbox's worker thread (one per server process). */
  calibration?: CalibrationRunner;
  clock?: () => Date;
  /** Uniform draws; the operating system's generator by default. */
  random?: RandomSource;
};

/** Uniform draws from the operating system's generator. */
const systemRandom: RandomSource = { nextUint32: () => randomInt(0, 2 ** 32) };

/**
 * Builds the context for one request. An `Authorization: Bearer` API key takes precedence over the
 * session cookie: a service states its identity explicitly and is never treated as a browser.
 * `credentials: "api-key"` (the REST API) never reads the session cookie, so a browser's session
 * cannot be ridden into the API meant for other services.
 */
export async function createTRPCContext(
  opts: ContextDeps & {
    headers: RequestHeaders;
    resHeaders: Headers;
    credentials?: "api-key-or-session" | "api-key";
  },
): Promise<Context> {
  const clock = opts.clock ?? (() => new Date());
  const now = clock();
  const apiKey = bearerToken(opts.headers);
  let principal: Principal | null = null;
  if (apiKey !== undefined) {
    const service = await resolveApiKey(opts.db, apiKey, now);
    if (service) principal = { kind: "service", apiKey: service };
  } else if (opts.credentials !== "api-key") {
    const session = await resolveSession(opts.db, readCookie(opts.headers, SESSION_COOKIE), now);
    if (session) principal = { kind: "user", user: session.user, sessionTokenHash: session.tokenHash };
  }
  return {
    db: opts.db,
    principal,
    ip: clientIp(opts.headers, opts.trustedProxyCount),
    userAgent: opts.headers.get("user-agent"),
    secure: isHttps(opts.headers, opts.trustedProxyCount),
    resHeaders: opts.resHeaders,
    clock,
    rateLimiter: opts.rateLimiter,
    routing: opts.routing,
    portfolio: opts.portfolio,
    orders: opts.orders,
    profileCache: opts.profileCache,
    calibration: opts.calibration,
    random: opts.random ?? systemRandom,
  };
}

/** Who may call a procedure; `public` only for signing in and for procedures that must work signed out. */
export type AccessRule = readonly Access[] | "public";
export type Meta = OpenApiMeta<{ access?: AccessRule }>;

/** `email: Invalid email address; limit: Too big` — the message itself names every offending field. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "input"}: ${issue.message}`)
    .join("; ");
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: wireTransformer,
    errorFormatter({ shape, error }) {
      const zodError = error.code === "BAD_REQUEST" && error.cause instanceof z.ZodError ? error.cause : null;
      return {
        ...shape,
        message: zodError ? describeIssues(zodError) : shape.message,
        data: { ...shape.data, zodError: zodError ? z.flattenError(zodError) : null },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The principal a procedure sees: a person unless it allows `service`. */
type PrincipalFor<A extends Access> = "service" extends A
  ? Principal
  : [Extract<A, `service:${string}`>] extends [never]
    ? Extract<Principal, { kind: "user" }>
    : Principal;

/** Callable without signing in. Only `auth.signIn` should need this. */
export const publicProcedure = t.procedure.meta({ access: "public" });

/**
 * Callable by the given roles (admin always passes; API keys only if `service` is listed).
 * Anonymous callers get UNAUTHORIZED, signed-in callers without the role FORBIDDEN — both before
 * the input is parsed, so nothing about the procedure leaks to someone who may not call it.
 */
export function roleProcedure<const A extends Access>(...allowed: [A, ...A[]]) {
  return t.procedure.meta({ access: allowed }).use(({ ctx, next }) => {
    const { principal } = ctx;
    if (principal === null)
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or present an API key." });
    if (!isAllowed(principal, allowed)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This action needs one of the roles: ${allowed.join(", ")}.`,
      });
    }
    // isAllowed let a service through only if `service` is in `allowed`, which is what PrincipalFor says.
    // Only the narrowed field: tRPC merges it into the context itself (a copy of every field per call).
    return next({ ctx: { principal: principal as PrincipalFor<A> } });
  });
}

/** Any signed-in person, whatever the role; not API keys. */
export const authedProcedure = roleProcedure(...HUMAN_ROLES);
