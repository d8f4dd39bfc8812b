"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatMoney, formatPnl } from "../../lib/format";
import { useTRPC } from "../../trpc/react";
import { METHOD_LABELS } from "./types";
import type { Horizon, MarginalVaR, VaRMethod, Volatility } from "./types";

type Trade = { symbol: string; quantity: string };

/**
 * What-if: the VaR of the book with a hypothetical trade (a signed quantity at the last close) beside
 * the VaR now, by the panel's method, confidence, horizon and volatility: full recomputation, so the
 * change is the trade's incremental VaR (a negative change hedges).
 */
export function WhatIf({
  userId,
  method,
  confidence,
  horizon,
  volatility,
}: {
  userId: string;
  method: VaRMethod;
  confidence: number;
  horizon: Horizon;
  volatility: Volatility;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Trade>({ symbol: "AAPL", quantity: "500" });
  const [trade, setTrade] = useState<Trade | undefined>(undefined);
  const result = useQuery({
    ...trpc.portfolio.marginalVar.queryOptions({
      userId,
      method,
      confidence,
      horizon,
      volatility,
      lookbackDays: 252,
      trade: trade ?? { symbol: "AAPL", quantity: "0" },
    }),
    enabled: trade !== undefined,
  });
  const data = result.data as unknown as MarginalVaR | undefined;
  return (
    <div className="spaced">
      <h3>What-if: VaR before and after a trade ({METHOD_LABELS[method]})</h3>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setTrade({ symbol: draft.symbol.trim().toUpperCase(), quantity: draft.quantity.trim() });
        }}
      >
        <label className="field">
          <span>Quantity (negative sells)</span>
          <input
            value={draft.quantity}
            onChange={(event) => setDraft({ ...draft, quantity: event.target.value })}
            inputMode="decimal"
            size={8}
            aria-label="What-if quantity"
          />
        </label>
        <label className="field">
          <span>Symbol</span>
          <input
            value={draft.symbol}
            onChange={(event) => setDraft({ ...draft, symbol: event.target.value })}
            size={8}
            aria-label="What-if symbol"
          />
        </label>
        <button type="submit" className="button" disabled={result.isFetching}>
          Add {draft.quantity} {draft.symbol.toUpperCase()}
        </button>
      </form>
      {result.error ? (
        <p role="alert" className="error">
          No what-if: {result.error.message}
        </p>
      ) : data && trade ? (
        <table className="data" aria-label="What-if VaR">
          <tbody>
            <tr>
              <th scope="row">VaR now</th>
              <td className="num">{formatMoney(data.before.var)}</td>
            </tr>
            <tr>
              <th scope="row">
                VaR with {trade.quantity} {trade.symbol}
              </th>
              <td className="num" data-testid="what-if-after">
                {formatMoney(data.after.var)}
              </td>
            </tr>
            <tr>
              <th scope="row">Incremental VaR</th>
              <td className={`num ${data.change.startsWith("-") ? "pnl-up" : "pnl-down"}`}>
                {formatPnl(data.change)}
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
