import "server-only";
import { createOrdersClient } from "@nexus/platform/http/orders";
import type { OrdersClient } from "@nexus/platform/http/orders";
import { webEnv } from "../env";

/**
 * The Orders service positions are synced from (ORDERS_SERVICE_URL); undefined when it is not set, and the
 * Portfolio screen then offers no sync. One client per process, kept on globalThis like the database
 * pool, so every request shares its circuit breaker: a service that is down fails fast for all of them.
 */
const held = globalThis as typeof globalThis & { nexusWebOrders?: OrdersClient };

export function getOrdersClient(): OrdersClient | undefined {
  const baseUrl = webEnv().ORDERS_SERVICE_URL;
  if (baseUrl === undefined) return undefined;
  held.nexusWebOrders ??= createOrdersClient({ baseUrl });
  return held.nexusWebOrders;
}
