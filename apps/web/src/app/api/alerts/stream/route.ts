import { SESSION_COOKIE, resolveSessionUser } from "@nexus/api/auth";
import type { NextRequest } from "next/server";
import { createAlertFeed } from "../../../../server/alert-feed";
import type { AlertFeed } from "../../../../server/alert-feed";
import { alertStreamResponse } from "../../../../server/alert-stream";
import { getDb, getSql } from "../../../../server/db";

export const dynamic = "force-dynamic";

/** One feed per server process (kept on globalThis across dev-server reloads, as the pool is). */
const cache = globalThis as typeof globalThis & { nexusAlertFeed?: AlertFeed };

export async function GET(request: NextRequest): Promise<Response> {
  const user = await resolveSessionUser(getDb(), request.cookies.get(SESSION_COOKIE)?.value, new Date());
  cache.nexusAlertFeed ??= createAlertFeed(getSql());
  return alertStreamResponse({ user, feed: cache.nexusAlertFeed, signal: request.signal });
}
