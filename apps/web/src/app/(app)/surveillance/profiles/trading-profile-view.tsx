"use client";

import { useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@nexus/api";
import { formatUtc } from "../../../../lib/format";
import { useTRPC } from "../../../../trpc/react";
import { STATUS_LABELS, STATUSES, TYPE_LABELS, TYPES } from "../../alerts/alert-labels";

type Profile = RouterOutputs["compliance"]["userProfile"];
type Subject = { kind: "user"; userId: string } | { kind: "symbol"; symbol: string };

const percent = (fraction: string) => `${(Number(fraction) * 100).toFixed(1)} %`;

function AlertCounts({ profile }: { profile: Profile }) {
  if (profile.alerts.length === 0) return <p className="empty">No live alert.</p>;
  const count = (type: string, status: string) =>
    profile.alerts.find((row) => row.alertType === type && row.status === status)?.alerts ?? 0;
  const types = TYPES.filter((type) => profile.alerts.some((row) => row.alertType === type));
  return (
    <table className="data">
      <thead>
        <tr>
          <th>Model</th>
          {STATUSES.map((status) => (
            <th key={status} className="num">
              {STATUS_LABELS[status]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {types.map((type) => (
          <tr key={type}>
            <td>{TYPE_LABELS[type]}</td>
            {STATUSES.map((status) => (
              <td key={status} className="num">
                {count(type, status) || ""}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TradingProfileView({ subject }: { subject: Subject }) {
  const trpc = useTRPC();
  const options =
    subject.kind === "user"
      ? trpc.compliance.userProfile.queryOptions({ userId: subject.userId })
      : trpc.compliance.symbolProfile.queryOptions({ symbol: subject.symbol });
  const profile = useQuery({ ...options, refetchInterval: 10_000 });
  if (profile.error)
    return (
      <p className="error" role="alert">
        {profile.error.message}
      </p>
    );
  const data = profile.data;
  if (data === undefined) return <p className="empty">Computing the profile…</p>;
  const perUser = subject.kind === "symbol";
  return (
    <>
      <dl className="grid grid-counters" aria-label="Totals">
        {[
          ["Orders entered", data.totals.orders],
          ["Trades", data.totals.trades],
          [perUser ? "Traders" : "Symbols", data.totals.pairs],
        ].map(([label, value]) => (
          <div className="panel counter" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section className="panel" aria-label={perUser ? "Per trader" : "Per symbol"}>
        <h2>{perUser ? "Per trader" : "Per symbol"}</h2>
        <p className="updated">
          Over the last {data.lookbackDays} day; computed {formatUtc(new Date(data.computedAt))}.
        </p>
        {data.pairs.length === 0 ? (
          <p className="empty">No order in the last day.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{perUser ? "Trader" : "Symbol"}</th>
                  <th className="num">Orders</th>
                  <th className="num">Trades</th>
                  <th className="num">Avg size</th>
                  <th className="num">Std dev</th>
                  <th className="num">Max size</th>
                  <th className="num">Cancel ratio</th>
                  <th className="num">Fill ratio</th>
                  <th className="num">Msg/s avg</th>
                  <th className="num">Msg/s peak</th>
                  <th className="num">Cancelled after</th>
                </tr>
              </thead>
              <tbody>
                {data.pairs.map((pair) => (
                  <tr key={`${pair.userId}|${pair.symbol}`}>
                    <td className="mono">
                      {perUser ? (
                        <a href={`/surveillance/profiles/users/${pair.userId}`}>{pair.userId.slice(0, 8)}</a>
                      ) : (
                        <a href={`/surveillance/profiles/symbols/${encodeURIComponent(pair.symbol)}`}>
                          {pair.symbol}
                        </a>
                      )}
                    </td>
                    <td className="num">{pair.orderCount}</td>
                    <td className="num">{pair.tradeCount}</td>
                    <td className="num">{Number(pair.avgOrderSize).toFixed(0)}</td>
                    <td className="num">{Number(pair.stddevOrderSize).toFixed(0)}</td>
                    <td className="num">{Number(pair.maxOrderSize).toFixed(0)}</td>
                    <td className="num">{percent(pair.cancelRatio)}</td>
                    <td className="num">{percent(pair.fillRatio)}</td>
                    <td className="num">{Number(pair.avgMessagesPerSecond).toFixed(4)}</td>
                    <td className="num">{Number(pair.peakMessagesPerSecond).toFixed(0)}</td>
                    <td className="num">
                      {pair.avgOrderLifetimeMs === null
                        ? "—"
                        : `${pair.avgOrderLifetimeMs.toLocaleString("en-US")} ms`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-label="Alerts">
        <h2>Alerts</h2>
        <AlertCounts profile={data} />
        {subject.kind === "symbol" && (
          <p>
            <a href={`/alerts?symbol=${encodeURIComponent(subject.symbol)}`}>Open its alerts in the queue</a>
          </p>
        )}
      </section>
    </>
  );
}
