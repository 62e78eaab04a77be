// The OPC Relationships Transform (ECMA-376 Part 2, 13.2.4.24) followed by Canonical XML 1.0, as the
// digest input of a .rels part: only the chosen relationships, sorted by Id, with TargetMode made explicit.
import { el, readAttributes, startTags } from "./xml-text.js";

export const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface Relationship {
  id: string;
  type: string;
  target: string;
  targetMode?: string;
}

export function readRelationships(xml: string): Relationship[] {
  return startTags(xml, "Relationship").map((tag) => {
    const a = readAttributes(tag);
    const targetMode = a.get("TargetMode");
    return {
      id: a.get("Id") ?? "",
      type: a.get("Type") ?? "",
      target: a.get("Target") ?? "",
      ...(targetMode !== undefined ? { targetMode } : {}),
    };
  });
}

/** The canonical bytes' text for the relationships whose Id is in sourceIds. */
export function relationshipTransform(rels: readonly Relationship[], sourceIds: ReadonlySet<string>): string {
  const chosen = rels.filter((r) => sourceIds.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // C14N sorts unqualified attributes by name: Id, Target, TargetMode, Type.
  const body = chosen
    .map((r) =>
      el("Relationship", [
        ["Id", r.id],
        ["Target", r.target],
        ["TargetMode", r.targetMode ?? "Internal"],
        ["Type", r.type],
      ]),
    )
    .join("");
  return el("Relationships", [["xmlns", RELATIONSHIPS_NS]], body);
}
