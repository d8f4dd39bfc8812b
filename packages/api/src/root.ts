import { alertsRouter } from "./router/alerts";
import { apiKeysRouter } from "./router/api-keys";
import { auditRouter } from "./router/audit";
import { authRouter } from "./router/auth";
import { complianceRouter } from "./router/compliance";
import { overviewRouter } from "./router/overview";
import { portfolioRouter } from "./router/portfolio";
import { reportsRouter } from "./router/reports";
import { routingRouter } from "./router/routing";
import { simulationRouter } from "./router/simulation";
import { surveillanceRouter } from "./router/surveillance";
import { usersRouter } from "./router/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  overview: overviewRouter,
  audit: auditRouter,
  apiKeys: apiKeysRouter,
  users: usersRouter,
  routing: routingRouter,
  surveillance: surveillanceRouter,
  alerts: alertsRouter,
  compliance: complianceRouter,
  portfolio: portfolioRouter,
  reports: reportsRouter,
  simulation: simulationRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller factory: `createCaller(await createTRPCContext(...)).overview.summary()`. */
export const createCaller = createCallerFactory(appRouter);
