/**
 * The STOR draft as a PDF, section by section in the order of the template of Commission Delegated
 * Regulation (EU) 2016/957, Annex; a field the officer still has to fill in reads "[to complete]".
 */
import type { StorDraft } from "@nexus/core/surveillance";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { PDFFont, PDFPage } from "pdf-lib";

const SECTIONS: { key: keyof StorDraft; title: string }[] = [
  { key: "section1Submitter", title: "Section 1 - Identity of entity/person submitting the STOR" },
  { key: "section2TransactionOrder", title: "Section 2 - Transaction/order" },
  { key: "section3Suspicion", title: "Section 3 - Description of the nature of the suspicion" },
  {
    key: "section4SuspectedPerson",
    title: "Section 4 - Identity of the person whose orders/transactions are suspicious",
  },
  { key: "section5AdditionalInformation", title: "Section 5 - Additional information" },
  { key: "section6Documentation", title: "Section 6 - Documentation attached" },
];

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const SIZE = 9.5;
const LINE = 13;
const LABEL_WIDTH = 170;

/** Field names whose words are acronyms. */
const ACRONYMS: Record<string, string> = { entityLei: "Entity LEI", cfiCode: "CFI code" };

/** "naturalPersonName" -> "Natural person name". */
const labelOf = (key: string) => {
  const words = key.replace(/([A-Z])/g, " $1").toLowerCase();
  return ACRONYMS[key] ?? words.charAt(0).toUpperCase() + words.slice(1);
};

/** The standard fonts encode WinAnsi only: anything else would make pdf-lib throw, so it is replaced. */
const printable = (value: string) => value.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");

function wrap(text: string, font: PDFFont, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n").map(printable)) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (line !== "" && font.widthOfTextAtSize(candidate, SIZE) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

/** Leaf fields of a section as label/value rows (nested objects prefix their parent's label). */
function rowsOf(value: unknown, prefix = ""): { label: string; text: string }[] {
  if (value === null) return [{ label: prefix, text: "[to complete]" }];
  if (Array.isArray(value))
    return [{ label: prefix, text: value.length === 0 ? "none" : value.map(String).join("\n") }];
  if (typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) =>
      rowsOf(inner, prefix === "" ? labelOf(key) : `${prefix}: ${labelOf(key)}`),
    );
  return [{ label: prefix, text: String(value) }];
}

export async function renderStorPdf(draft: StorDraft): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`STOR draft for alert ${draft.alertId}`);
  pdf.setCreationDate(new Date(draft.generatedAt));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const need = (height: number) => {
    if (y - height >= PAGE.margin) return;
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.margin;
  };
  const write = (text: string, x: number, font: PDFFont, size = SIZE) =>
    page.drawText(text, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });

  write("Suspicious Transaction and Order Report (STOR) - DRAFT", PAGE.margin, bold, 14);
  y -= 20;
  for (const line of wrap(
    `${draft.template}. Alert ${draft.alertId}, generated ${draft.generatedAt}. ${draft.toComplete.length} fields to complete before filing.`,
    regular,
    PAGE.width - 2 * PAGE.margin,
  )) {
    write(line, PAGE.margin, regular);
    y -= LINE;
  }
  const valueX = PAGE.margin + LABEL_WIDTH;
  const valueWidth = PAGE.width - PAGE.margin - valueX;
  for (const section of SECTIONS) {
    need(3 * LINE);
    y -= LINE;
    write(section.title, PAGE.margin, bold, 11);
    y -= LINE + 4;
    const rows =
      section.key === "section6Documentation"
        ? rowsOf(draft.section6Documentation, "Attachments")
        : rowsOf(draft[section.key]);
    for (const row of rows) {
      const labelLines = wrap(row.label, bold, LABEL_WIDTH - 10);
      const valueLines = wrap(row.text, regular, valueWidth);
      need(Math.max(labelLines.length, valueLines.length) * LINE);
      const top = y;
      for (const line of labelLines) {
        write(line, PAGE.margin, bold);
        y -= LINE;
      }
      const afterLabel = y;
      y = top;
      for (const line of valueLines) {
        need(LINE);
        write(line, valueX, regular);
        y -= LINE;
      }
      y = Math.min(y, afterLabel) - 3;
    }
  }
  return pdf.save();
}
