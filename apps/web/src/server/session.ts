import "server-only";
import { SESSION_COOKIE, resolveSessionUser } from "@nexus/api/auth";
import type { SessionUser } from "@nexus/api/auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { REQUEST_PATH_HEADER } from "../lib/request-path";
import { signInUrl } from "../lib/safe-next-path";
import { getDb } from "./db";

/** The person behind this request's session cookie, or null; resolved once per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveSessionUser(getDb(), token, new Date());
});

/**
 * The signed-in person, or a redirect to /sign-in?next=<this page>. The proxy only saw that a cookie
 * exists; this is where an unknown, expired or disabled session is caught.
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user === null) redirect(signInUrl((await headers()).get(REQUEST_PATH_HEADER) ?? "/"));
  return user;
}
