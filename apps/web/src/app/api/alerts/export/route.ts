import type { NextRequest } from "next/server";
import { respondAsCaller } from "../../../../server/request-caller";
import { queueFilterFrom } from "../../../(app)/alerts/queue-params";

export const dynamic = "force-dynamic";

/** GET /api/alerts/export?<the queue's address query>: the filtered queue as CSV, streamed page by page. */
export function GET(request: NextRequest): Promise<Response> {
  return respondAsCaller(request, async (caller) => {
    const chunks = await caller.alerts.exportCsv(queueFilterFrom(request.nextUrl.searchParams));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "");
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="alerts-${stamp}Z.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
