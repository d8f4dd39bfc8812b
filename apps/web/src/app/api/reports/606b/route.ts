import type { NextRequest } from "next/server";
import { respondAsCaller } from "../../../../server/request-caller";
import { reportFileResponse } from "../../../../server/report-file";

export const dynamic = "force-dynamic";

/** GET /api/reports/606b?kind=606b1|606b3&customer=C&from=D&to=D: a customer's Rule 606(b) report as XML. */
export function GET(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  return respondAsCaller(request, async (caller) =>
    reportFileResponse(
      await caller.reports.customerReport({
        kind: (params.get("kind") ?? "") as "606b1",
        customer: params.get("customer") ?? "",
        from: params.get("from") ?? "",
        to: params.get("to") ?? "",
      }),
    ),
  );
}
