/** `@nexus/api`: the tRPC router the web app mounts at /api/trpc and calls from server components. */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root";

export { appRouter, createCaller } from "./root";
export type { AppRouter } from "./root";
export { createTRPCContext } from "./trpc";
export type { Context } from "./trpc";

/** `RouterInputs["audit"]["list"]` etc. for client code. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
