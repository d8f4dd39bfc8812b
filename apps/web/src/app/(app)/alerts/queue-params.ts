import type { RouterInputs } from "@nexus/api";
import { SEVERITIES, STATUSES, TYPES } from "./alert-labels";
import type { AlertSeverity, AlertStatus, AlertType } from "./alert-labels";

export type QueueFilter = NonNullable<RouterInputs["alerts"]["queue"]["filter"]>;
export type QueueOrder = "newest" | "oldest";

const OPEN_STATUSES: AlertStatus[] = ["open", "under_review", "escalated"];

/**
 * The filter the address holds: ?status=open,escalated&severity=high&type=spoofing&symbol=AAPL&assignee=me
 * &from=2026-12-01&to=2026-12-02&order=oldest. The queue page, its CSV export and saved views all read
 * it here, so a view, a bookmark and a download mean the same alerts.
 */
export function queueFilterFrom(params: URLSearchParams): { filter: QueueFilter; order: QueueOrder } {
  const list = <T extends string>(key: string, allowed: readonly T[]) =>
    (params.get(key) ?? "")
      .split(",")
      .filter((value): value is T => (allowed as readonly string[]).includes(value));
  const statuses = params.has("status") ? list("status", STATUSES) : OPEN_STATUSES;
  const filter: QueueFilter = { statuses };
  const severities = list<AlertSeverity>("severity", SEVERITIES);
  if (severities.length > 0) filter.severities = severities;
  const types = list<AlertType>("type", TYPES);
  if (types.length > 0) filter.types = types;
  const symbol = params.get("symbol")?.trim().toUpperCase();
  if (symbol) filter.symbol = symbol;
  const assignee = params.get("assignee");
  if (assignee === "me" || assignee === "unassigned") filter.assignee = assignee;
  const from = params.get("from");
  if (from) filter.from = new Date(`${from}T00:00:00Z`);
  const to = params.get("to");
  if (to) filter.to = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  return { filter, order: params.get("order") === "oldest" ? "oldest" : "newest" };
}
