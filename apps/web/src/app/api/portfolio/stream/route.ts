import { SESSION_COOKIE, resolveSessionUser } from "@nexus/api/auth";
import { POSITIONS_CHANNEL } from "@nexus/db/queries/portfolio";
import type { NextRequest } from "next/server";
import { createChannelFeed } from "../../../../server/channel-feed";
import type { ChannelFeed } from "../../../../server/channel-feed";
import { getDb, getSql } from "../../../../server/db";
import { portfolioStreamResponse } from "../../../../server/portfolio-stream";

export const dynamic = "force-dynamic";

/** One feed per server process (kept on globalThis across dev-server reloads, as the pool is). */
const cache = globalThis as typeof globalThis & { nexusPositionsFeed?: ChannelFeed<string> };

export async function GET(request: NextRequest): Promise<Response> {
  const user = await resolveSessionUser(getDb(), request.cookies.get(SESSION_COOKIE)?.value, new Date());
  cache.nexusPositionsFeed ??= createChannelFeed(getSql(), POSITIONS_CHANNEL, (userId) => userId);
  return portfolioStreamResponse({
    user,
    userId: request.nextUrl.searchParams.get("user"),
    feed: cache.nexusPositionsFeed,
    signal: request.signal,
  });
}
