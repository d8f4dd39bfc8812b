/**
 * The filtered queue as CSV, a page at a time: each keyset page of the queue is written as soon as it is
 * read, so exporting a large queue holds one page in memory and the download starts at once. Quoting
 * and escaping are csv-stringify's (RFC 4180).
 */
import { alertQueuePage } from "@nexus/db/queries/alert-queue";
import type { AlertQueueFilter, AlertQueueOrder, AlertQueueRow } from "@nexus/db/queries/alert-queue";
import type { Database } from "@nexus/db/client";
import { stringify } from "csv-stringify/sync";

const PAGE_SIZE = 1_000;

const COLUMNS: { header: string; value: (row: AlertQueueRow) => string | number }[] = [
  { header: "alert_id", value: (row) => row.id },
  { header: "detected_at", value: (row) => row.detectedAt.toISOString() },
  { header: "type", value: (row) => row.alertType },
  { header: "severity", value: (row) => row.severity },
  { header: "status", value: (row) => row.status },
  { header: "symbol", value: (row) => row.symbol },
  { header: "user_id", value: (row) => row.userId },
  { header: "confidence", value: (row) => row.confidenceScore },
  { header: "assignee_id", value: (row) => row.assigneeId ?? "" },
  { header: "assignee_name", value: (row) => row.assigneeName ?? "" },
  { header: "updates", value: (row) => row.updateCount },
  { header: "description", value: (row) => row.description },
];

export async function* alertQueueCsv(
  db: Database,
  filter: AlertQueueFilter,
  order: AlertQueueOrder,
): AsyncGenerator<string> {
  yield stringify([COLUMNS.map((column) => column.header)]);
  let after: string | undefined;
  do {
    const page = await alertQueuePage(db, {
      filter,
      order,
      limit: PAGE_SIZE,
      ...(after === undefined ? {} : { after }),
    });
    if (page.rows.length > 0)
      yield stringify(page.rows.map((row) => COLUMNS.map((column) => column.value(row))));
    after = page.nextCursor;
  } while (after !== undefined);
}
