/**
 * The Rule 606(a)(1) report as a PDF laid out like the SEC's renderer (sec-gov/oh): title and quarter,
 * then per month and section the summary table, the venue table and the material aspects, on landscape
 * US-letter pages with table rows kept whole across page breaks.
 */
import {
  SECTION_TITLES,
  SUMMARY_HEADERS,
  VENUE_HEADERS,
  monthName,
  summaryCells,
  venueCells,
  venueLabel,
  type HeldOrderReport,
} from "@nexus/core/reports";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { PDFFont, PDFPage } from "pdf-lib";

const PAGE = { width: 792, height: 612, margin: 36 };
const SIZE = 7;
const LINE = 8.5;
const PAD = 2;
const INK = rgb(0, 0, 0);

/** The standard fonts encode WinAnsi only: anything else would make pdf-lib throw, so it is replaced. */
const printable = (value: string) => value.replace(/[^\x20-\x7e\xa0-\xff\n]/g, "?");

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(text).split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (line !== "" && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  private need(height: number): void {
    if (this.y - height >= PAGE.margin) return;
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  text(text: string, options: { size?: number; bold?: boolean; center?: boolean; gap?: number } = {}): void {
    const size = options.size ?? SIZE + 1;
    const font = options.bold ? this.bold : this.regular;
    for (const line of wrap(text, font, size, PAGE.width - 2 * PAGE.margin)) {
      this.need(size + 3);
      const width = font.widthOfTextAtSize(line, size);
      const x = options.center ? (PAGE.width - width) / 2 : PAGE.margin;
      this.y -= size;
      this.page.drawText(line, { x, y: this.y, size, font, color: INK });
      this.y -= 3;
    }
    this.y -= options.gap ?? 2;
  }

  /** A bordered table; the first column gets `firstWidth` of the width, the rest share what is left. */
  table(headers: readonly string[], rows: readonly (readonly string[])[], firstWidth: number): void {
    const width = PAGE.width - 2 * PAGE.margin;
    const rest = (width - firstWidth) / (headers.length - 1);
    const widths = headers.map((_, i) => (i === 0 ? firstWidth : rest));
    const draw = (cells: readonly string[], header: boolean) => {
      const font = header ? this.bold : this.regular;
      const lines = cells.map((cell, i) => wrap(cell, font, SIZE, (widths[i] as number) - 2 * PAD));
      const height = Math.max(...lines.map((l) => l.length)) * LINE + 2 * PAD;
      this.need(height);
      let x = PAGE.margin;
      lines.forEach((cellLines, i) => {
        const cellWidth = widths[i] as number;
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width: cellWidth,
          height,
          borderColor: INK,
          borderWidth: 0.5,
        });
        cellLines.forEach((line, n) => {
          const right = !header && i > 0;
          const textX = right ? x + cellWidth - PAD - font.widthOfTextAtSize(line, SIZE) : x + PAD;
          this.page.drawText(line, {
            x: textX,
            y: this.y - PAD - (n + 1) * LINE + 2,
            size: SIZE,
            font,
            color: INK,
          });
        });
        x += cellWidth;
      });
      this.y -= height;
    };
    draw(headers, true);
    for (const row of rows) draw(row, false);
    this.y -= 6;
  }
}

const ORDINALS = ["1st", "2nd", "3rd", "4th"];

export async function heldOrderReportPdf(report: HeldOrderReport): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${report.broker} - Held NMS Stocks and Options Order Routing Public Report`);
  pdf.setCreationDate(report.generatedAt);
  const writer = new Writer(
    pdf,
    await pdf.embedFont(StandardFonts.Helvetica),
    await pdf.embedFont(StandardFonts.HelveticaBold),
  );
  writer.text(`${report.broker} - Held NMS Stocks and Options Order Routing Public Report`, {
    size: 13,
    bold: true,
    center: true,
  });
  writer.text(`Generated on ${report.generatedAt.toISOString().slice(0, 19).replace("T", " ")} UTC`, {
    center: true,
  });
  writer.text(`${ORDINALS[report.quarter.quarter - 1] ?? ""} Quarter, ${report.quarter.year}`, {
    size: 11,
    bold: true,
    center: true,
    gap: 8,
  });
  for (const month of report.months) {
    writer.text(`${monthName(month.month)} ${month.year}`, { size: 11, bold: true, center: true, gap: 4 });
    for (const section of month.sections) {
      writer.text(SECTION_TITLES[section.section], { size: 10, bold: true });
      writer.text("Summary", { bold: true });
      writer.table(SUMMARY_HEADERS, [summaryCells(section)], (PAGE.width - 2 * PAGE.margin) / 5);
      writer.text("Venues", { bold: true });
      writer.table(
        VENUE_HEADERS,
        section.venues.map((venue) => [venueLabel(venue), ...venueCells(venue)]),
        120,
      );
      writer.text("Material Aspects:", { bold: true });
      for (const venue of section.venues) {
        writer.text(`${venueLabel(venue)}:`, { bold: true, gap: 0 });
        writer.text(venue.materialAspects, { gap: 4 });
      }
    }
  }
  return pdf.save();
}
