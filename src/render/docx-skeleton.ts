// The parts of the DOCX package that depend only on the page profile (styles, settings, numbering, theme, fonts,
// content types, package relationships, ...). The docx package writes them once per profile, from a letter with an
// empty body and empty headers and footers; they are kept compressed, so a render compresses only the letter's own
// parts. The skeleton also gives the root elements and the section properties the letter's parts are written into.
import type { Document } from "docx";
import { strFromU8, unzipSync } from "fflate";
import { PAPER_SIZES_MM, type Profile } from "./profile.js";
import { deflatedEntry, type ZipEntry } from "./zip-writer.js";

const TWIPS_PER_CM = 566.93;
export const cm = (v: number) => Math.round(v * TWIPS_PER_CM);
export const mm = (v: number) => Math.round((v * TWIPS_PER_CM) / 10);

/** The parts every render writes itself; the skeleton's versions only serve as the frame. */
export const LETTER_PARTS = {
  document: "word/document.xml",
  documentRels: "word/_rels/document.xml.rels",
  core: "docProps/core.xml",
  // docx numbers headers and footers in the order the section lists them: default before first.
  headerDefault: "word/header1.xml",
  headerFirst: "word/header2.xml",
  footerDefault: "word/footer1.xml",
  footerFirst: "word/footer2.xml",
} as const;
const letterPartNames = new Set<string>(Object.values(LETTER_PARTS));

export interface Skeleton {
  /** Every part in the package's order: a compressed entry, or the name of a part the render writes. */
  order: (ZipEntry | string)[];
  /** `<?xml …?><w:document …>` with docx's namespace declarations. */
  documentOpen: string;
  /** `<w:sectPr>…</w:sectPr>`: paper, margins, header and footer references, different first page. */
  sectPr: string;
  headerOpen: string;
  footerOpen: string;
}

// docx is loaded on the first skeleton only: it costs a server several MiB and only drafting and signing need it.
type DocxModule = typeof import("docx");

function docxSkeleton({ Document, Footer, Header, LineRuleType }: DocxModule, p: Profile): Document {
  const paper = PAPER_SIZES_MM[p.paper];
  return new Document({
    styles: {
      default: {
        document: {
          run: { font: p.font, size: p.fontSizePt * 2 },
          paragraph: {
            spacing: { line: Math.round(240 * p.lineSpacing), lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(paper.width), height: mm(paper.height) },
            margin: {
              top: cm(p.marginsCm.top),
              bottom: cm(p.marginsCm.bottom),
              left: cm(p.marginsCm.left),
              right: cm(p.marginsCm.right),
              header: cm(1.25),
              footer: cm(1.25),
            },
          },
        },
        headers: { first: new Header({ children: [] }), default: new Header({ children: [] }) },
        footers: { first: new Footer({ children: [] }), default: new Footer({ children: [] }) },
        children: [],
      },
    ],
  });
}

/** An empty part `<x …/>` as its opening tag `<x …>`. */
const openTag = (xml: string) => {
  if (!xml.endsWith("/>")) throw new Error(`skeleton part is not empty: ${xml.slice(-40)}`);
  return `${xml.slice(0, -2)}>`;
};

async function buildSkeleton(p: Profile): Promise<Skeleton> {
  const docx = await import("docx");
  const files = unzipSync(new Uint8Array(await docx.Packer.toArrayBuffer(docxSkeleton(docx, p))));
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const documentXml = text(LETTER_PARTS.document);
  const body = documentXml.indexOf("<w:body>");
  const sectPr = /<w:sectPr>.*<\/w:sectPr>/s.exec(documentXml)?.[0];
  if (body < 0 || !sectPr) throw new Error("skeleton document.xml has no body or section properties");
  return {
    order: Object.entries(files).map(([name, data]) => (letterPartNames.has(name) ? name : deflatedEntry(name, data))),
    documentOpen: documentXml.slice(0, body),
    sectPr,
    headerOpen: openTag(text(LETTER_PARTS.headerDefault)),
    footerOpen: openTag(text(LETTER_PARTS.footerDefault)),
  };
}

// A handful of profiles at most per deployment; the cap only guards against a caller inventing new ones forever.
const MAX_CACHED = 16;
const cache = new Map<string, Promise<Skeleton>>();

/** The skeleton of a profile, built on first use and kept for the life of the process (or isolate). */
export function skeletonFor(p: Profile): Promise<Skeleton> {
  const key = JSON.stringify(p);
  let hit = cache.get(key);
  if (!hit) {
    const oldest = cache.keys().next();
    if (cache.size >= MAX_CACHED && !oldest.done) cache.delete(oldest.value);
    hit = buildSkeleton(p);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}
