import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { alertSavedViews } from "../schema/index";

export type AlertSavedView = typeof alertSavedViews.$inferSelect;

/** The user's saved queue views, by name. */
export function listSavedViews(db: Database, ownerId: string): Promise<AlertSavedView[]> {
  return db
    .select()
    .from(alertSavedViews)
    .where(eq(alertSavedViews.ownerId, ownerId))
    .orderBy(asc(alertSavedViews.name));
}

/** Saves the view under its name; saving a name again replaces that view's query. */
export async function saveView(
  db: Database,
  view: { ownerId: string; name: string; query: string },
): Promise<AlertSavedView> {
  const [row] = await db
    .insert(alertSavedViews)
    .values(view)
    .onConflictDoUpdate({
      target: [alertSavedViews.ownerId, alertSavedViews.name],
      set: { query: view.query },
    })
    .returning();
  if (row === undefined) throw new Error("alert_saved_views upsert returned no row");
  return row;
}

/** Deletes one of the owner's views; false when the owner has no view with that id. */
export async function deleteSavedView(db: Database, ownerId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(alertSavedViews)
    .where(and(eq(alertSavedViews.id, id), eq(alertSavedViews.ownerId, ownerId)))
    .returning({ id: alertSavedViews.id });
  return rows.length > 0;
}
