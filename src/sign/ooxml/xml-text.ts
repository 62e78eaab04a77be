// Escaping for XML we write already in Canonical XML 1.0 form (C14N's own escaping rules), and decoding of
// the attribute values we read from package parts.

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
}

export function escapeAttr(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, ref: string) =>
    ref.startsWith("#x")
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith("#")
        ? String.fromCodePoint(parseInt(ref.slice(1), 10))
        : NAMED[ref]!,
  );
}

/** Attributes of one start tag, decoded, in document order. */
export function readAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ""));
  }
  return attrs;
}

/** Every start (or empty) tag with the given unprefixed or prefixed local name. */
export function startTags(xml: string, localName: string): string[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])[^>]*>`, "g");
  return [...xml.matchAll(re)].map((m) => m[0]);
}

/** Canonical-form element: attributes are written in the order given (namespace declarations first, then sorted). */
export function el(name: string, attrs: ReadonlyArray<readonly [string, string]>, content = ""): string {
  const a = attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");
  return `<${name}${a}>${content}</${name}>`;
}
