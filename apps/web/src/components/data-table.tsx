"use client";

import { flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { ColumnDef } from "@tanstack/react-table";

/** Column meta we read: right-align numbers, monospace ids. */
declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the generics must match the library's declaration
  interface ColumnMeta<TData, TValue> {
    className?: "num" | "mono";
  }
}

/**
 * A dense table over TanStack Table's headless model. `emptyMessage` says what is missing, so an
 * empty table explains itself instead of looking broken.
 */
export function DataTable<Row>({
  caption,
  columns,
  data,
  emptyMessage,
  rowId,
  activeRowId,
}: {
  caption: string;
  columns: ColumnDef<Row>[];
  data: Row[];
  emptyMessage: string;
  rowId: (row: Row) => string;
  /** The row the keyboard is on (highlighted and announced as selected). */
  activeRowId?: string;
}) {
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: rowId });
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={header.column.columnDef.meta?.className}>
                  {header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={row.id === activeRowId ? "active" : undefined}
              aria-current={row.id === activeRowId ? "true" : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {data.length === 0 && <p className="empty">{emptyMessage}</p>}
    </div>
  );
}
