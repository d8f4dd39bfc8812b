/** What the user reads after a sync from the Orders service: how many positions it changed. */
export function syncOutcome(updated: number): string {
  if (updated === 0) return "Already in line with the Orders service: no position changed.";
  return `${updated} position${updated === 1 ? "" : "s"} updated from the Orders service.`;
}
