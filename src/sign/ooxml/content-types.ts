// Reads and extends [Content_Types].xml: which content type each part has, and the two the signature parts need.
import { ZipFormatError } from "../zip-layout.js";
import { escapeAttr, readAttributes, startTags } from "./xml-text.js";

export const ORIGIN_CONTENT_TYPE = "application/vnd.openxmlformats-package.digital-signature-origin";
export const SIGNATURE_CONTENT_TYPE = "application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml";

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function readContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const tag of startTags(xml, "Default")) {
    const a = readAttributes(tag);
    defaults.set((a.get("Extension") ?? "").toLowerCase(), a.get("ContentType") ?? "");
  }
  for (const tag of startTags(xml, "Override")) {
    const a = readAttributes(tag);
    overrides.set((a.get("PartName") ?? "").toLowerCase(), a.get("ContentType") ?? "");
  }
  return { defaults, overrides };
}

/** Content type of a part name such as "/word/document.xml"; OPC matches both lookups case-insensitively. */
export function contentTypeOf(types: ContentTypes, partName: string): string | undefined {
  const override = types.overrides.get(partName.toLowerCase());
  if (override !== undefined) return override;
  const dot = partName.lastIndexOf(".");
  return dot < 0 ? undefined : types.defaults.get(partName.slice(dot + 1).toLowerCase());
}

/** Adds the origin Default and the signature part Override unless present. */
export function registerSignatureContentTypes(xml: string, signaturePart: string): string {
  const types = readContentTypes(xml);
  let add = "";
  if (!types.defaults.has("sigs")) add += `<Default Extension="sigs" ContentType="${ORIGIN_CONTENT_TYPE}"/>`;
  if (!types.overrides.has(signaturePart.toLowerCase())) {
    add += `<Override PartName="${escapeAttr(signaturePart)}" ContentType="${SIGNATURE_CONTENT_TYPE}"/>`;
  }
  const close = xml.lastIndexOf("</Types>");
  if (close < 0) throw new ZipFormatError("[Content_Types].xml has no </Types>");
  return xml.slice(0, close) + add + xml.slice(close);
}
