import type { NextRequest } from "next/server";
import { reportFileResponse } from "../../../../server/report-file";
import { respondAsCaller } from "../../../../server/request-caller";

export const dynamic = "force-dynamic";

/** GET /api/reports/606a1?quarter=2016Q2&format=xml|html|csv|pdf: the Rule 606(a)(1) report as a file. */
export function GET(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  return respondAsCaller(request, async (caller) => {
    const document = await caller.reports.heldOrderDocument({
      quarter: params.get("quarter") ?? "",
      format: (params.get("format") ?? "xml") as "xml",
    });
    return reportFileResponse(document);
  });
}
