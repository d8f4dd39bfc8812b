/**
 * Live alerts for the workspace: one LISTEN on the alerts channel per web process (opened with the
 * first subscriber, closed with the last), fanned out to every open stream. The worker NOTIFYs when
 * an alert commits (@nexus/db/queries/surveillance-alerts), so a new or updated alert reaches the
 * browsers without anyone polling the table.
 */
import { ALERTS_CHANNEL } from "@nexus/db/queries/surveillance-alerts";
import type { AlertNotice } from "@nexus/db/queries/surveillance-alerts";
import type { DbHandle } from "@nexus/db/client";

export type AlertListener = (notice: AlertNotice) => void;

export interface AlertFeed {
  /** Resolves once listening; the returned function unsubscribes. */
  subscribe(listener: AlertListener): Promise<() => Promise<void>>;
}

export function createAlertFeed(sql: DbHandle["sql"]): AlertFeed {
  const listeners = new Set<AlertListener>();
  let listening: Promise<{ unlisten: () => Promise<void> }> | undefined;
  const deliver = (payload: string) => {
    const notice = JSON.parse(payload) as AlertNotice;
    for (const listener of listeners) listener(notice);
  };
  return {
    async subscribe(listener) {
      listeners.add(listener);
      listening ??= sql.listen(ALERTS_CHANNEL, deliver);
      await listening;
      return async () => {
        listeners.delete(listener);
        if (listeners.size > 0 || listening === undefined) return;
        const current = listening;
        listening = undefined;
        await (await current).unlisten();
      };
    },
  };
}
