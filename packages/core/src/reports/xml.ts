/** A tiny XML tree: an element with text, or with child elements (the reports need nothing more). */
export interface XmlElement {
  name: string;
  content: string | readonly XmlElement[];
}

export const el = (name: string, content: string | readonly XmlElement[]): XmlElement => ({ name, content });

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text for element content: names with commas, periods, ampersands or quotes come out as given. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function render(element: XmlElement, depth: number): string {
  const indent = "  ".repeat(depth);
  if (typeof element.content === "string") {
    return `${indent}<${element.name}>${escapeXml(element.content)}</${element.name}>`;
  }
  if (element.content.length === 0) return `${indent}<${element.name}/>`;
  const children = element.content.map((child) => render(child, depth + 1)).join("\n");
  return `${indent}<${element.name}>\n${children}\n${indent}</${element.name}>`;
}

/** A document whose root names the SEC schema it follows (no namespace, like the SEC's samples). */
export function xmlDocument(root: XmlElement, schemaFile: string): string {
  const body = render(root, 0).replace(
    `<${root.name}>`,
    `<${root.name} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="${schemaFile}">`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}
