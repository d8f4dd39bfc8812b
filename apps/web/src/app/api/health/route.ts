import { getSql } from "../../../server/db";

// Always answered live: a cached "ok" would hide a database that went away.
export const dynamic = "force-dynamic";

/** Liveness and readiness in one: 200 when the database answers, 503 (with the reason) when not. */
export async function GET(): Promise<Response> {
  try {
    await getSql()`select 1`;
    return Response.json({ status: "ok", database: "up" });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return Response.json({ status: "unavailable", database: "down", reason }, { status: 503 });
  }
}
