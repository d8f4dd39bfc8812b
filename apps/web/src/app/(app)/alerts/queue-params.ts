import type { RouterInputs } from "@nexus/api";
import { SEVERITIES, STATUSES, TYPES } from "./alert-labels";
import type { AlertSeverity, AlertStatus, AlertType } from "./alert-labels";

export type QueueFilter = NonNullable<RouterInputs["alerts"]["queue"]["filter"]>;
export type QueueOrder = "newest" | "oldest" | "severity";

const ORDERS: readonly QueueOrder[] = ["newest", "oldest", "severity"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OPEN_STATUSES: AlertStatus[] = ["open", "under_review", "escalated"];

/**
 * The filter the address holds: ?status=open,escalated&severity=high&type=spoofing&symbol=AAPL&user=<id>
 * &assignee=me|unassigned|<reviewer id>&from=2026-12-01&to=2026-12-02&order=oldest|severity. The queue page, its CSV export and saved views all read
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
  const user = params.get("user")?.trim() ?? "";
  if (UUID.test(user)) filter.userId = user.toLowerCase();
  const assignee = params.get("assignee") ?? "";
  if (assignee === "me" || assignee === "unassigned" || UUID.test(assignee)) filter.assignee = assignee;
  const from = params.get("from");
  if (from) filter.from = new Date(`${from}T00:00:00Z`);
  const to = params.get("to");
  if (to) filter.to = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const order = ORDERS.find((candidate) => candidate === params.get("order")) ?? "newest";
  return { filter, order };
}
