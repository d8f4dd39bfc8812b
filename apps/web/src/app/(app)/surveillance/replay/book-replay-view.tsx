"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@nexus/api";
import { usePathname, useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useState } from "react";
import { useTRPC } from "../../../../trpc/react";

type Replay = RouterOutputs["compliance"]["bookReplay"];
type Level = Replay["bids"][number];
type TapeEvent = Replay["recent"][number];

interface Position {
  symbol: string;
  /** ISO-8601 UTC, down to the microsecond when reached by stepping to an event. */
  at: string;
  /** The user whose orders are marked (an alert's). */
  user: string;
  alert: string;
}

/** "14:30:00.300000" of an ISO timestamp (microseconds kept: events of one millisecond differ there). */
const clockOf = (iso: string) => iso.slice(11, iso.length - 1).padEnd(15, "0");
/** A millisecond-resolution ISO moment `deltaMs` away (sub-millisecond digits dropped). */
const shifted = (iso: string, deltaMs: number) => new Date(Date.parse(iso) + deltaMs).toISOString();
/** Steps in time, beside the steps by event. */
const TIME_STEPS = [
  { label: "−1 s", deltaMs: -1000 },
  { label: "−1 ms", deltaMs: -1 },
  { label: "+1 ms", deltaMs: 1 },
  { label: "+1 s", deltaMs: 1000 },
] as const;
/** The datetime-local value of an ISO moment (the picker shows it as UTC, the clock of the events). */
const pickerValue = (iso: string) => (iso === "" ? "" : new Date(Date.parse(iso)).toISOString().slice(0, 23));

function Ladder({ replay }: { replay: Replay }) {
  const largest = Math.max(1, ...[...replay.bids, ...replay.asks].map((level) => Number(level.quantity)));
  const rows = (levels: Level[], side: "bid" | "ask") =>
    levels.map((level) => (
      <tr key={level.price} className={level.highlighted !== "0" ? "highlighted" : undefined}>
        <td className={`num side-${side === "bid" ? "buy" : "sell"}`}>{level.price}</td>
        <td className="num">{level.quantity}</td>
        <td className="num">{level.orders}</td>
        <td className="num">{level.highlighted === "0" ? "" : level.highlighted}</td>
        <td style={{ width: 120 }}>
          <span
            className={`depth-bar ${side}-bar`}
            style={{ width: `${Math.max(2, (Number(level.quantity) / largest) * 110)}px` }}
          />
        </td>
      </tr>
    ));
  const table = (caption: string, levels: Level[], side: "bid" | "ask") => (
    <table className="data" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th className="num">Price</th>
          <th className="num">Size</th>
          <th className="num">Orders</th>
          <th className="num">Alert user</th>
          <th>Depth</th>
        </tr>
      </thead>
      <tbody>
        {levels.length === 0 ? (
          <tr>
            <td colSpan={5} className="empty">
              Nothing resting
            </td>
          </tr>
        ) : (
          rows(levels, side)
        )}
      </tbody>
    </table>
  );
  return (
    <div className="ladder">
      {table("Bids", replay.bids, "bid")}
      {table("Asks", replay.asks, "ask")}
    </div>
  );
}

function Tape({ caption, events, user }: { caption: string; events: TapeEvent[]; user: string }) {
  if (events.length === 0) return <p className="empty">{caption}: none.</p>;
  return (
    <table className="data" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>Time (UTC)</th>
          <th>Event</th>
          <th>Side</th>
          <th className="num">Price</th>
          <th className="num">Quantity</th>
          <th>User</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const isTrade = event.event_type === "trade.executed";
          const side = isTrade ? event.aggressor_side : event.side;
          const users = isTrade ? [event.buy_user_id, event.sell_user_id] : [event.user_id];
          return (
            <tr key={event.event_id} className={users.includes(user) ? "highlighted" : undefined}>
              <td className="mono">{clockOf(event.occurred_at)}</td>
              <td>{isTrade ? "trade" : event.event_type.replace("order.", "")}</td>
              <td className={`side-${side}`}>{isTrade ? `${side} aggressor` : side}</td>
              <td className="num">{event.price ?? "market"}</td>
              <td className="num">{event.quantity}</td>
              <td className="mono">{users.map((id) => id.slice(0, 8)).join(" / ")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function BookReplayView({ initial }: { initial: Position }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [position, setPosition] = useState<Position>(initial);
  const ready = position.symbol !== "" && position.at !== "";
  const replay = useQuery({
    ...trpc.compliance.bookReplay.queryOptions({
      symbol: position.symbol,
      at: position.at,
      depth: 12,
      ...(position.user === "" ? {} : { highlightUserId: position.user }),
    }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  /** Moves the replay and keeps the moment in the address, so a step can be shared or reloaded. */
  function go(next: Partial<Position>) {
    const moved = { ...position, ...next };
    setPosition(moved);
    const search = new URLSearchParams();
    for (const key of ["symbol", "at", "user", "alert"] as const)
      if (moved[key] !== "") search.set(key, moved[key]);
    router.replace(`${pathname}?${search.toString()}`, { scroll: false });
  }

  function onPick(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const symbol = String(fields.get("symbol") ?? "")
      .trim()
      .toUpperCase();
    const picked = String(fields.get("at") ?? "");
    go({ symbol, at: picked === "" ? new Date().toISOString() : new Date(`${picked}Z`).toISOString() });
  }

  const data = replay.data;
  const bestBid = data?.bids[0];
  const bestAsk = data?.asks[0];
  return (
    <>
      <section className="panel" aria-label="Moment">
        <form className="stepper" onSubmit={onPick} key={`${position.symbol}|${position.at}`}>
          <label className="field">
            Symbol
            <input
              name="symbol"
              defaultValue={position.symbol}
              required
              pattern="[A-Za-z0-9.\-]{1,20}"
              size={8}
            />
          </label>
          <label className="field">
            Moment (UTC)
            <input name="at" type="datetime-local" step="0.001" defaultValue={pickerValue(position.at)} />
          </label>
          <button type="submit" className="button">
            Show book
          </button>
          <span aria-hidden="true"> </span>
          <button
            type="button"
            className="button"
            disabled={!data?.previousInstant}
            onClick={() => data?.previousInstant && go({ at: data.previousInstant })}
          >
            ◀ Previous event
          </button>
          {TIME_STEPS.map((step) => (
            <button
              key={step.label}
              type="button"
              className="button"
              disabled={!ready}
              onClick={() => go({ at: shifted(position.at, step.deltaMs) })}
            >
              {step.label}
            </button>
          ))}
          <button
            type="button"
            className="button"
            disabled={!data?.nextInstant}
            onClick={() => data?.nextInstant && go({ at: data.nextInstant })}
          >
            Next event ▶
          </button>
        </form>
        {replay.error && (
          <p className="error" role="alert">
            {replay.error.message}
          </p>
        )}
        {!ready && <p className="empty">Choose a symbol and a moment, or open the replay from an alert.</p>}
        {data && (
          <dl className="alert-facts" aria-label="Book summary">
            <div>
              <dt>Book at (UTC)</dt>
              <dd className="mono" data-testid="replay-at">
                {position.at}
              </dd>
            </div>
            <div>
              <dt>Last event applied</dt>
              <dd className="mono">
                {data.currentInstant ? clockOf(data.currentInstant) : "none yet today"}
              </dd>
            </div>
            <div>
              <dt>Spread</dt>
              <dd>
                {bestBid && bestAsk
                  ? `${bestBid.price} × ${bestAsk.price} (${(Number(bestAsk.price) - Number(bestBid.price)).toFixed(4).replace(/0+$/, "").replace(/\.$/, "")})`
                  : "one side empty"}
              </dd>
            </div>
            <div>
              <dt>Last trade</dt>
              <dd>
                {data.lastTrade
                  ? `${data.lastTrade.quantity} @ ${data.lastTrade.price} at ${clockOf(data.lastTrade.at)}`
                  : "none yet today"}
              </dd>
            </div>
            <div>
              <dt>Events replayed</dt>
              <dd>
                {data.applied} since {data.origin.slice(0, 10)} 00:00Z (levels to {data.tickSize})
                {data.skipped.length > 0 ? `; ${data.skipped.length} not placeable` : ""}
              </dd>
            </div>
          </dl>
        )}
      </section>
      {data && (
        <>
          <section className="panel" aria-label="Depth ladder">
            <h2>
              {data.symbol} depth{position.user === "" ? "" : " (rows with the alert user's orders marked)"}
            </h2>
            {bestBid && bestAsk && Number(bestBid.price) >= Number(bestAsk.price) && (
              <p className="notice">
                The book is crossed: the stored events rest orders on both sides of the touch that no venue
                matched (orders of several venues, or orders a venue reported without trading them). The
                ladder shows the events as stored.
              </p>
            )}
            <Ladder replay={data} />
          </section>
          <section className="panel" aria-label="Events">
            <h2>Events</h2>
            <Tape
              caption={
                data.upcomingCount > data.upcoming.length
                  ? `Next step: ${data.upcomingCount} events at one instant (the first ${data.upcoming.length})`
                  : "Next step"
              }
              events={data.upcoming}
              user={position.user}
            />
            <Tape caption="Applied, newest first" events={data.recent} user={position.user} />
          </section>
        </>
      )}
    </>
  );
}
