import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { users } from "../schema/index";

/** A user's name and e-mail (whom a report names), or undefined when no such user exists. */
export async function userContactOf(
  db: Database,
  id: string,
): Promise<{ name: string; email: string } | undefined> {
  const [row] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, id));
  return row;
}
