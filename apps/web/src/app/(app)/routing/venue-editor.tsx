"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterInputs, RouterOutputs } from "@nexus/api";
import type { FormEvent } from "react";
import { useMemo } from "react";
import { DataTable } from "../../../components/data-table";
import { useTRPC } from "../../../trpc/react";

type Venue = RouterOutputs["routing"]["venues"][number];
type VenueChange = RouterInputs["routing"]["updateVenue"];
type NewVenue = RouterInputs["routing"]["addVenue"];

const VENUE_TYPES: readonly NewVenue["venueType"][] = ["exchange", "ats", "dark_pool", "market_maker"];

const formId = (venue: Venue) => `venue-${venue.venueId}`;

/** "AAPL, msft" -> ["AAPL", "MSFT"]; empty means every symbol. */
const symbolsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((symbol) => symbol.trim().toUpperCase())
    .filter((symbol) => symbol !== "");

/** The fields of the row's form that differ from the venue as loaded: only a real change is sent and audited. */
function changeOf(venue: Venue, fields: FormData): VenueChange | undefined {
  const text = (name: string) => String(fields.get(name) ?? "").trim();
  const change: VenueChange = { venueId: venue.venueId };
  const enabled = fields.get("enabled") === "on";
  if (enabled !== venue.enabled) change.enabled = enabled;
  if (text("takerFee") !== venue.takerFee) change.takerFee = text("takerFee");
  if (text("makerFee") !== venue.makerFee) change.makerFee = text("makerFee");
  const maxOrderSize = text("maxOrderSize") === "" ? null : text("maxOrderSize");
  if (maxOrderSize !== venue.maxOrderSize) change.maxOrderSize = maxOrderSize;
  const priority = Number(text("priority"));
  if (priority !== venue.priority) change.priority = priority;
  const symbols = symbolsOf(text("supportedSymbols"));
  if (symbols.join(",") !== venue.supportedSymbols.join(",")) change.supportedSymbols = symbols;
  return Object.keys(change).length > 1 ? change : undefined;
}

/** The venue configuration editor: fees, enablement, symbols, maximum size and priority, per venue. */
export function VenueEditor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const venues = useQuery(trpc.routing.venues.queryOptions());
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.routing.venues.queryKey() });
  const update = useMutation(trpc.routing.updateVenue.mutationOptions({ onSuccess: refreshList }));
  const add = useMutation(trpc.routing.addVenue.mutationOptions({ onSuccess: refreshList }));

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const text = (name: string) => String(fields.get(name) ?? "").trim();
    // The select is required, so the browser submits one of the types.
    const venueType = VENUE_TYPES.find((type) => type === fields.get("venueType"));
    if (venueType === undefined) return;
    add.mutate(
      {
        venueId: text("venueId"),
        name: text("name"),
        venueType,
        makerFee: text("makerFee"),
        takerFee: text("takerFee"),
        expectedLatencyMs: Number(text("expectedLatencyMs")),
      },
      { onSuccess: () => form.reset() },
    );
  }

  const columns = useMemo<ColumnDef<Venue>[]>(() => {
    const fee = (name: "takerFee" | "makerFee", label: string): ColumnDef<Venue>["cell"] =>
      function FeeCell({ row }) {
        return (
          <input
            form={formId(row.original)}
            name={name}
            aria-label={`${label} of ${row.original.venueId}`}
            defaultValue={row.original[name]}
            size={9}
          />
        );
      };
    return [
      {
        id: "venue",
        header: "Venue",
        cell: ({ row }) => `${row.original.venueId} (${row.original.venueType})`,
        meta: { className: "mono" },
      },
      {
        id: "enabled",
        header: "Enabled",
        cell: ({ row }) => (
          <input
            type="checkbox"
            form={formId(row.original)}
            name="enabled"
            aria-label={`${row.original.venueId} enabled`}
            defaultChecked={row.original.enabled}
          />
        ),
      },
      { id: "takerFee", header: "Taker fee / share", cell: fee("takerFee", "Taker fee") },
      { id: "makerFee", header: "Maker fee / share", cell: fee("makerFee", "Maker fee") },
      {
        id: "maxOrderSize",
        header: "Max order (shares)",
        cell: ({ row }) => (
          <input
            form={formId(row.original)}
            name="maxOrderSize"
            aria-label={`Max order size of ${row.original.venueId}`}
            defaultValue={row.original.maxOrderSize ?? ""}
            placeholder="no limit"
            size={9}
          />
        ),
      },
      {
        id: "priority",
        header: "Priority",
        cell: ({ row }) => (
          <input
            type="number"
            min={0}
            max={1000}
            form={formId(row.original)}
            name="priority"
            aria-label={`Priority of ${row.original.venueId}`}
            defaultValue={row.original.priority}
          />
        ),
      },
      {
        id: "symbols",
        header: "Symbols (empty = all)",
        cell: ({ row }) => (
          <input
            form={formId(row.original)}
            name="supportedSymbols"
            aria-label={`Symbols of ${row.original.venueId}`}
            defaultValue={row.original.supportedSymbols.join(", ")}
            placeholder="all"
          />
        ),
      },
      {
        id: "save",
        header: "",
        cell: ({ row }) => (
          <form
            id={formId(row.original)}
            onSubmit={(event: FormEvent<HTMLFormElement>) => {
              event.preventDefault();
              const change = changeOf(row.original, new FormData(event.currentTarget));
              if (change !== undefined) update.mutate(change);
            }}
          >
            <button type="submit" className="button" disabled={update.isPending}>
              Save
            </button>
          </form>
        ),
      },
    ];
  }, [update]);

  return (
    <section className="panel spaced" aria-labelledby="venue-configuration">
      <h2 id="venue-configuration">Venue configuration</h2>
      <p>
        Fees are per share; a negative fee is a rebate. Priority breaks ties the strategy leaves, lower first.
      </p>
      {update.error && (
        <p role="alert" className="error">
          Could not save the venue: {update.error.message}
        </p>
      )}
      {update.isSuccess && (
        <p role="status" className="updated">
          Saved {update.data.venueId}: the router uses it from the next order.
        </p>
      )}
      <form className="inline-form" onSubmit={onAdd} aria-label="Add a venue">
        <div className="field">
          <label htmlFor="venue-id">Venue id</label>
          <input id="venue-id" name="venueId" required maxLength={64} placeholder="e.g. XNAS" />
        </div>
        <div className="field">
          <label htmlFor="venue-name">Name</label>
          <input id="venue-name" name="name" required maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="venue-type">Type</label>
          <select id="venue-type" name="venueType" required defaultValue="exchange">
            {VENUE_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="venue-taker">Taker fee / share</label>
          <input id="venue-taker" name="takerFee" required defaultValue="0.0030" size={9} />
        </div>
        <div className="field">
          <label htmlFor="venue-maker">Maker fee / share</label>
          <input id="venue-maker" name="makerFee" required defaultValue="-0.0020" size={9} />
        </div>
        <div className="field">
          <label htmlFor="venue-latency">Expected latency (ms)</label>
          <input
            id="venue-latency"
            name="expectedLatencyMs"
            type="number"
            min={0}
            required
            defaultValue={1}
          />
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add venue"}
        </button>
      </form>
      {add.error && (
        <p role="alert" className="error">
          Could not add the venue: {add.error.message}
        </p>
      )}
      {venues.error ? (
        <p role="alert" className="error">
          Could not load the venues: {venues.error.message}
        </p>
      ) : (
        <DataTable
          caption="Venue configuration"
          columns={columns}
          data={venues.data ?? []}
          rowId={(venue) => venue.venueId}
          emptyMessage="No venues configured: the router has nowhere to send orders."
        />
      )}
    </section>
  );
}
