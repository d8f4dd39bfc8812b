import "server-only";
import { webEnv } from "../env";
import { getCalibrationRunner } from "./calibration";
import { getDb } from "./db";
import { getOrdersClient } from "./orders-client";
import { getPortfolioAnalytics } from "./portfolio";
import { getProfileCache } from "./profile-cache";
import { getRateLimiter } from "./rate-limiter";
import { getRoutingService } from "./routing";

/** What every tRPC and REST context of this process is built from (`createTRPCContext`'s ContextDeps). */
export function apiDeps() {
  return {
    db: getDb(),
    rateLimiter: getRateLimiter(),
    trustedProxyCount: webEnv().TRUSTED_PROXY_COUNT,
    routing: getRoutingService(),
    portfolio: getPortfolioAnalytics(),
    orders: getOrdersClient(),
    profileCache: getProfileCache(),
    calibration: getCalibrationRunner(),
  };
}
