import type { Database } from "@nexus/db/client";
import type { EventBus } from "@nexus/platform/bus";

/** What the surveillance use cases run on: the store, the bus they publish to, and the clock. */
export interface SurveillancePorts {
  db: Database;
  bus: Pick<EventBus, "publish">;
  now: () => Date;
}
