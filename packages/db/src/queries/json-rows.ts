import { getTableColumns, getTableName, type Column } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** A column's value as the json_populate_recordset input: json kept as is, the rest as drizzle sends it. */
function cellOf(column: Column, value: unknown): unknown {
  if (value === null) return null;
  return column.dataType === "json" ? value : column.mapToDriverValue(value);
}

/** Per table, the statement's text for each combination of column sets the rows of a call give. */
const statements = new WeakMap<PgTable, Map<string, string[]>>();

/**
 * One statement for every group (so the insert is atomic, as a single INSERT is): each group but the last
 * is a data-modifying WITH query, the last the statement itself. The text comes in pieces, group i's rows
 * (a json parameter) going between pieces i and i + 1.
 */
function statementOf(table: PgTable, groups: readonly (readonly Column[])[]): string[] {
  let byShapes = statements.get(table);
  if (byShapes === undefined) {
    byShapes = new Map();
    statements.set(table, byShapes);
  }
  const shapes = groups.map((columns) => columns.map((column) => column.name).join(",")).join("|");
  let text = byShapes.get(shapes);
  if (text === undefined) {
    // Unqualified, as drizzle names a table of no pgSchema: the connection's search_path finds it.
    const name = quoted(getTableName(table));
    const inserts = groups.map((columns) => {
      const list = columns.map((column) => quoted(column.name)).join(", ");
      return `insert into ${name} (${list}) select ${list} from json_populate_recordset(null::${name}, `;
    });
    const last = inserts.length - 1;
    const parts = inserts.map((insert, i) => (i === last ? insert : `g${i} as (${insert}`));
    // Each parameter is followed by what closes its call (and its WITH query) and opens the next group's.
    text = [
      (last > 0 ? "with " : "") + (parts[0] ?? ""),
      ...parts.slice(1).map((part, i) => `::json))${i + 1 === last ? " " : ", "}${part}`),
      "::json)",
    ];
    byShapes.set(shapes, text);
  }
  return text;
}

/**
 * Inserts many rows with statements whose text depends only on which columns the rows set: the rows travel
 * as one json parameter that Postgres unpacks (json_populate_recordset, PostgreSQL docs "JSON Functions"),
 * instead of a VALUES list of one parameter per cell. drizzle's builder walks every cell of a multi-row
 * VALUES, which was most of the CPU the routing API spent per decision (bench routing-api), and each batch
 * size was one more statement for Postgres to parse; here the rows cost one JSON.stringify and each
 * statement is prepared once per connection. A column a row leaves undefined takes its SQL default, as
 * with drizzle's insert: rows are grouped by the columns they set, one statement per group. Columns with
 * a JavaScript-side default ($defaultFn, $onUpdate) are refused, since this does not run them.
 */
export async function insertJsonRows<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const scripted = columns.find(
    ([, column]) => column.defaultFn !== undefined || column.onUpdateFn !== undefined,
  );
  if (scripted !== undefined) {
    throw new Error(`insertJsonRows: ${getTableName(table)}.${scripted[1].name} has a JavaScript default`);
  }
  const groups = new Map<string, { set: [string, Column][]; cells: Record<string, unknown>[] }>();
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    const set = columns.filter(([key]) => values[key] !== undefined);
    const shape = set.map(([key]) => key).join(",");
    let group = groups.get(shape);
    if (group === undefined) {
      group = { set, cells: [] };
      groups.set(shape, group);
    }
    group.cells.push(
      Object.fromEntries(set.map(([key, column]) => [column.name, cellOf(column, values[key])])),
    );
  }
  if (groups.size === 0) return;
  const text = statementOf(
    table,
    [...groups.values()].map(({ set }) => set.map(([, column]) => column)),
  );
  const cells = [...groups.values()].map((group) => JSON.stringify(group.cells));
  const [first = "", ...rest] = text;
  const query = rest.reduce((before, piece, i) => `${before}$${i + 1}${piece}`, first);
  // Prepared (a name given), unlike drizzle's `execute`: postgres.js sends an unprepared statement with
  // parameters as two round trips (describe, then bind), a prepared one's later runs as one, and Postgres
  // parses and plans it once per connection.
  await db._.session
    .prepareQuery({ sql: query, params: cells }, undefined, "insert-json-rows", false)
    .execute();
}
