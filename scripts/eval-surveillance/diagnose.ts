/**
 * npx tsx scripts/eval-surveillance/diagnose.ts --type spoofing [--events N]
 *
 * For tuning with the engine's author: the tuning set's runs of eval:surveillance (never the held-out
 * set), then for one type the labels no alert matched (with their orders and trades) and the alerts
 * that matched no label (with their description and metrics), a few of each, to stdout.
 */
import type { ConsumedEvent } from "@nexus/core/events";
import { alertMatchesLabel } from "@nexus/sim";
import { TUNING_SET, parseRunOptions } from "./options.js";
import { runEvaluation } from "./run.js";

const SHOWN = 6;
const options = parseRunOptions(process.argv.slice(2), true);
const type = options.type ?? "spoofing";
const byOrder = new Map<string, ConsumedEvent[]>();
const note = (orderId: string, event: ConsumedEvent): void => {
  const list = byOrder.get(orderId);
  if (list === undefined) byOrder.set(orderId, [event]);
  else list.push(event);
};
const runs = TUNING_SET.map((day) =>
  runEvaluation({
    events: options.events,
    day,
    onEvent: (event) => {
      if (event.event_type === "trade.executed") {
        note(event.buy_order_id, event);
        note(event.sell_order_id, event);
      } else if (event.event_type !== "quote") note(event.order_id, event);
    },
  }),
);
const alerts = runs.flatMap((run) => run.alerts);
const short = (id: string): string => id.slice(0, 8);
const roles = new Map(
  runs.flatMap((run) => run.simulator.simulatedUsers().map((user) => [user.userId, user.name] as const)),
);
const describe = (event: ConsumedEvent): string => {
  switch (event.event_type) {
    case "trade.executed":
      return `${event.occurred_at} TRADE ${event.quantity}@${event.price} buy ${roles.get(event.buy_user_id) ?? short(event.buy_user_id)} sell ${roles.get(event.sell_user_id) ?? short(event.sell_user_id)} aggr ${event.aggressor_side}`;
    case "quote":
      return "";
    default:
      return `${event.occurred_at} ${event.event_type} ${short(event.order_id)} ${roles.get(event.user_id) ?? short(event.user_id)} ${event.side} ${event.quantity}@${event.price ?? "MKT"} ${event.time_in_force ?? ""} ${event.capacity ?? ""}`;
  }
};
const labels = runs.flatMap((run) => run.labels).filter((label) => label.type === type);
const typeAlerts = alerts.filter((alert) => alert.type === type);
const missed = labels.filter((label) => !typeAlerts.some((alert) => alertMatchesLabel(alert, label)));
const falseAlarms = typeAlerts.filter((alert) => !labels.some((label) => alertMatchesLabel(alert, label)));
console.log(
  `${type}: ${labels.length} labels, ${missed.length} missed; ${typeAlerts.length} alerts, ${falseAlarms.length} false`,
);
for (const label of missed.slice(0, SHOWN)) {
  console.log(`\nMISSED ${label.symbol} ${roles.get(label.userId)} ${label.startedAt} .. ${label.endedAt}`);
  const seen = new Set<ConsumedEvent>();
  const events = label.orderIds
    .flatMap((orderId) => byOrder.get(orderId) ?? [])
    .filter((event) => !seen.has(event) && seen.add(event));
  events.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  for (const event of events.slice(0, 40)) console.log(`  ${describe(event)}`);
}
const falseBy = new Map<string, number>();
for (const alert of falseAlarms)
  falseBy.set(
    roles.get(alert.userId) ?? alert.userId,
    (falseBy.get(roles.get(alert.userId) ?? alert.userId) ?? 0) + 1,
  );
console.log("\nFALSE ALARMS BY USER", Object.fromEntries(falseBy));
for (const alert of falseAlarms.slice(0, SHOWN)) {
  console.log(
    `\nFALSE ${alert.symbol} ${roles.get(alert.userId) ?? alert.userId} ${alert.firstEventAt} .. ${alert.lastEventAt}: ${alert.description}`,
  );
  console.log(`  metrics ${JSON.stringify(alert.evidence.metrics)}`);
  for (const entry of alert.evidence.timeline.slice(0, 20))
    console.log(
      `  ${entry.at} ${entry.event} ${short(entry.orderId)} ${roles.get(entry.userId) ?? short(entry.userId)} ${entry.side} ${entry.quantity}@${entry.price ?? "MKT"}`,
    );
}
