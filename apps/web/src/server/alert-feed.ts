/**
 * Live alerts for the workspace: the worker NOTIFYs when an alert commits
 * (@nexus/db/queries/surveillance-alerts), and one LISTEN per web process (channel-feed.ts) fans it out
 * to every open stream, so a new or updated alert reaches the browsers without anyone polling the table.
 */
import { ALERTS_CHANNEL } from "@nexus/db/queries/surveillance-alerts";
import type { AlertNotice } from "@nexus/db/queries/surveillance-alerts";
import type { DbHandle } from "@nexus/db/client";
import { createChannelFeed } from "./channel-feed";
import type { ChannelFeed } from "./channel-feed";

export type AlertFeed = ChannelFeed<AlertNotice>;

export function createAlertFeed(sql: DbHandle["sql"]): AlertFeed {
  return createChannelFeed(sql, ALERTS_CHANNEL, (payload) => JSON.parse(payload) as AlertNotice);
}
