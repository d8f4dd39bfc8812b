import "server-only";

/** A report document from the reports API as a download (a PDF travels base64 in JSON, sent as bytes). */
export function reportFileResponse(document: {
  fileName: string;
  contentType: string;
  encoding: "utf8" | "base64";
  body: string;
}): Response {
  const body = document.encoding === "base64" ? Buffer.from(document.body, "base64") : document.body;
  return new Response(body, {
    headers: {
      "content-type": document.contentType,
      "content-disposition": `attachment; filename="${document.fileName}"`,
      "cache-control": "no-store",
    },
  });
}
