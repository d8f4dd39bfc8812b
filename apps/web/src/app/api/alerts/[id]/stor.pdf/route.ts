import type { NextRequest } from "next/server";
import { respondAsCaller } from "../../../../../server/request-caller";

export const dynamic = "force-dynamic";

/** GET /api/alerts/{id}/stor.pdf: the STOR draft of a confirmed violation as a PDF download. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  return respondAsCaller(request, async (caller) => {
    const pdf = await caller.alerts.storPdf({ id });
    return new Response(Buffer.from(pdf.base64, "base64"), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${pdf.fileName}"`,
        "cache-control": "no-store",
      },
    });
  });
}
