"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatMoney, formatPercent, formatUtcMinute } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import { Switch } from "../portfolio/switch";

/** A flag as the API sends it (decimals as strings, times as ISO strings). */
type Flag = {
  symbol: string;
  date: string;
  previousDate: string;
  previousClose: string;
  close: string;
  dailyReturn: string;
  status: "suspected" | "confirmed";
  flaggedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  note: string | null;
};

const STATUSES = ["suspected", "confirmed"] as const;
const STATUS_LABELS = { suspected: "Excluded, awaiting review", confirmed: "Confirmed, counted in risk" };

function ConfirmForm({ flag, onDone }: { flag: Flag; onDone: () => void }) {
  const trpc = useTRPC();
  const [note, setNote] = useState("");
  const confirm = useMutation(trpc.portfolio.confirmMove.mutationOptions({ onSuccess: onDone }));
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        confirm.mutate({ symbol: flag.symbol, date: flag.date, note });
      }}
    >
      <label className="field">
        <span>Why the move is real</span>
        <input
          value={note}
          onChange={(event) => setNote(event.target.value)}
          size={40}
          aria-label={`Reason for ${flag.symbol} ${flag.date}`}
          placeholder="e.g. 2-for-1 split on the ex-date, prices not adjusted"
        />
      </label>
      <button type="submit" className="button" disabled={confirm.isPending}>
        Confirm {flag.symbol} {flag.date}
      </button>
      {confirm.error ? (
        <span role="alert" className="error">
          {confirm.error.message}
        </span>
      ) : null}
    </form>
  );
}

/** The flagged moves, by status; a suspected one can be confirmed with the reason. */
export function SuspectMoves() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("suspected");
  const [open, setOpen] = useState<string | undefined>(undefined);
  const flags = useQuery(trpc.portfolio.suspectMoves.queryOptions({ status }));
  const rows = (flags.data ?? []) as unknown as Flag[];
  const refresh = () => {
    setOpen(undefined);
    void queryClient.invalidateQueries({ queryKey: trpc.portfolio.suspectMoves.pathKey() });
  };
  return (
    <section className="panel" aria-label="Flagged moves">
      <Switch
        label="Status"
        options={STATUSES}
        value={status}
        onChange={setStatus}
        format={(s) => STATUS_LABELS[s]}
      />
      {flags.error ? (
        <p role="alert" className="error">
          Could not load the flags: {flags.error.message}
        </p>
      ) : (
        <table className="data spaced" aria-label="Flagged one-day moves">
          <thead>
            <tr>
              <th scope="col">Symbol</th>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Previous close
              </th>
              <th scope="col" className="num">
                Close
              </th>
              <th scope="col" className="num">
                One-day move
              </th>
              <th scope="col">{status === "suspected" ? "Flagged" : "Confirmed by"}</th>
              <th scope="col">{status === "suspected" ? "Review" : "Reason"}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="empty">
                  {flags.isPending ? "Loading…" : `No ${status} moves.`}
                </td>
              </tr>
            ) : null}
            {rows.map((flag) => {
              const key = `${flag.symbol}@${flag.date}`;
              const move = Number(flag.dailyReturn);
              return (
                <tr key={key}>
                  <th scope="row">{flag.symbol}</th>
                  <td>{flag.date}</td>
                  <td className="num" title={flag.previousDate}>
                    {formatMoney(flag.previousClose, 4)}
                  </td>
                  <td className="num">{formatMoney(flag.close, 4)}</td>
                  <td className={`num ${move < 0 ? "pnl-down" : "pnl-up"}`}>
                    {move > 0 ? "+" : ""}
                    {formatPercent(move, 1)}
                  </td>
                  <td>
                    {status === "suspected"
                      ? formatUtcMinute(new Date(flag.flaggedAt))
                      : `${flag.confirmedBy ?? "–"}${flag.confirmedAt ? `, ${formatUtcMinute(new Date(flag.confirmedAt))}` : ""}`}
                  </td>
                  <td>
                    {status === "confirmed" ? (
                      flag.note
                    ) : open === key ? (
                      <ConfirmForm flag={flag} onDone={refresh} />
                    ) : (
                      <button type="button" className="button" onClick={() => setOpen(key)}>
                        Confirm as real…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
