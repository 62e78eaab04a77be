// The signer block under the letter and in the TTE box: capacity lines, the name as printed, and whether pangkat
// and NIP are shown. Rules: Permendagri 1/2023 Pasal 44 and the forms in use (design/surat-edaran-format.md,
// "Rules for the signer block and kop").
//
// How the input is read:
// - prefix "a.n." + principal: "a.n. BUPATI KUDUS," over the signer's own jabatan ("SEKRETARIS DAERAH,").
// - prefix "Plt."/"Plh." + principal: the signer stands in for the principal, "Plt. BUPATI KUDUS," over his own
//   jabatan ("WAKIL BUPATI,"). Without a principal the prefix goes before the jabatan ("Plt. KEPALA DINAS X,").
// - A Plh./Plt. of the official who signs a.n. is written in the jabatan itself: jabatan "Plh. Sekretaris Daerah"
//   under "a.n. Bupati Banggai Kepulauan" gives "a.n. BUPATI BANGGAI KEPULAUAN," over "Plh. SEKRETARIS DAERAH,".
//   The leading abbreviation (Plt., Plh., Pj., Pjs.) keeps its spelling; the rest is in capitals.
// - A Pj signs under his own jabatan ("Penjabat Wali Kota Bengkulu" → "PENJABAT WALI KOTA BENGKULU,").

import type { NameCase, SignerRules } from "./pemda-profile.js";
import type { ValidationIssue } from "./validation-issues.js";

export interface SignerInput {
  prefix?: "a.n." | "Plt." | "Plh." | undefined;
  principal?: string | undefined;
  jabatan: string;
  name: string;
  pangkat?: string | undefined;
  nip?: string | undefined;
}

export interface SignerBlock {
  /** The capacity lines above the signature, each ending with a comma. */
  capacity: string[];
  /** The name in capitals, degrees and titles as written. */
  name: string;
  /** Shown only for officials other than the kepala daerah family; null when not shown or not given. */
  pangkat: string | null;
  nip: string | null;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

// Acting abbreviations as they are spelled in the forms; matched without regard to case.
const ACTING: Record<string, string> = { "plt.": "Plt.", "plh.": "Plh.", "pj.": "Pj.", "pjs.": "Pjs." };

/** "plh. sekretaris daerah" → "Plh. SEKRETARIS DAERAH": capitals, a leading acting abbreviation kept as spelled. */
export function capacityCase(jabatan: string): string {
  const text = oneLine(jabatan);
  const [first = "", ...rest] = text.split(" ");
  const acting = ACTING[first.toLowerCase()];
  return acting && rest.length > 0 ? `${acting} ${rest.join(" ").toUpperCase()}` : text.toUpperCase();
}

// Titles written before a name: academic (Dr., dr., drg., Ir., Drs., Dra., Prof.) and religious (H., Hj., K.H.).
const ACADEMIC_BEFORE = new Set(["dr.", "drg.", "ir.", "drs.", "dra.", "prof.", "prof.dr.", "apt."]);
const RELIGIOUS_BEFORE = new Set(["h.", "hj.", "k.h.", "kh."]);

interface NameParts {
  before: string[];
  core: string;
  /** Degrees after the name, each as written ("S.E.", "M.Si."). */
  after: string[];
}

function nameParts(name: string): NameParts {
  const [head = "", ...degrees] = oneLine(name).split(",");
  const words = head.trim().split(" ");
  const before: string[] = [];
  // The last word is always the name, so "H." alone is read as a name, not a title.
  while (words.length > 1) {
    const w = (words[0] ?? "").toLowerCase();
    if (!ACADEMIC_BEFORE.has(w) && !RELIGIOUS_BEFORE.has(w)) break;
    before.push(words.shift() ?? "");
  }
  return { before, core: words.join(" "), after: degrees.map((d) => d.trim()).filter((d) => d !== "") };
}

/** "Dr. H. Arif Gunadi, S.E., M.Si." → "Dr. H. ARIF GUNADI, S.E., M.Si.": the name in capitals, degrees as written. */
export function caseName(name: string): string {
  const p = nameParts(name);
  return [[...p.before, p.core.toUpperCase()].join(" "), ...p.after].join(", ");
}

/** The academic degrees a name holds (before or after it); religious titles (H., Hj.) are not gelar akademik. */
export function academicDegrees(name: string): string[] {
  const p = nameParts(name);
  return [...p.before.filter((t) => ACADEMIC_BEFORE.has(t.toLowerCase())), ...p.after];
}

const KEPALA_DAERAH = /^(wakil\s+)?(bupati|wali\s*kota|gubernur)\b/i;
const ACTING_WORDS = /^(plt\.|plh\.|pj\.|pjs\.|penjabat(\s+sementara)?)\s+/i;

/** "Penjabat Wali Kota Bengkulu" → "Wali Kota Bengkulu": the office without the acting words before it. */
export function withoutActing(jabatan: string): string {
  return oneLine(jabatan).replace(ACTING_WORDS, "");
}

/** Bupati, Wali Kota, Gubernur or their Wakil, also with Pj./Penjabat/Plt./Plh. before it. */
export function isKepalaDaerahJabatan(jabatan: string): boolean {
  return KEPALA_DAERAH.test(withoutActing(jabatan));
}

/**
 * Pasal 44: the kepala daerah, the wakil, and a Pj, Pjs, Plt. or Plh. of the kepala daerah are shown without
 * gelar, pangkat and NIP. A Plt./Plh. prefix with a kepala daerah principal stands in for the kepala daerah.
 * An a.n. signer is another official (the Sekretaris Daerah) unless his own jabatan is in the family.
 */
export function isKepalaDaerahFamily(signer: Pick<SignerInput, "prefix" | "principal" | "jabatan">): boolean {
  if (isKepalaDaerahJabatan(signer.jabatan)) return true;
  const standsIn = signer.prefix === "Plt." || signer.prefix === "Plh.";
  return standsIn && signer.principal !== undefined && isKepalaDaerahJabatan(signer.principal);
}

/** A Sekretaris Daerah, also a Plt./Plh. of one: the office the profile's sekdaShowsIdentity rule is about. */
export function isSekretarisDaerah(jabatan: string): boolean {
  return /^sekretaris\s+daerah\b/i.test(withoutActing(jabatan));
}

/** "Dr. H. Arif Gunadi, S.E., M.Si." → "H. Arif Gunadi": academic degrees dropped, religious titles kept. */
export function withoutDegrees(name: string): string {
  const p = nameParts(name);
  return [...p.before.filter((t) => RELIGIOUS_BEFORE.has(t.toLowerCase())), p.core].join(" ");
}

export interface SignerBlockOptions {
  /** How the name is printed; the profile's nameCase (default upper). */
  nameCase?: NameCase | undefined;
  /** The profile's signer rules (default: the Sekretaris Daerah shows his identity, officials keep gelar). */
  rules?: SignerRules | undefined;
}

const DEFAULT_RULES: SignerRules = { sekdaShowsIdentity: true, gelarForOfficials: true };

/**
 * Whether gelar, pangkat and NIP are shown: never for the kepala daerah family (Pasal 44), not for a Sekretaris
 * Daerah when the profile says so, and no gelar for anyone when the profile signs Surat Edaran without gelar.
 */
function identityShown(signer: SignerInput, rules: SignerRules): { identity: boolean; gelar: boolean } {
  const sekdaHidden = !rules.sekdaShowsIdentity && isSekretarisDaerah(signer.jabatan);
  const identity = !isKepalaDaerahFamily(signer) && !sekdaHidden;
  return { identity, gelar: identity && rules.gelarForOfficials };
}

export function signerBlock(signer: SignerInput, opts: SignerBlockOptions = {}): SignerBlock {
  const own = `${capacityCase(signer.jabatan)},`;
  const principal = signer.principal === undefined ? undefined : capacityCase(signer.principal);
  const capacity =
    signer.prefix === undefined
      ? [own]
      : principal !== undefined
        ? [`${signer.prefix} ${principal},`, own]
        : [`${signer.prefix} ${own}`];
  const shown = identityShown(signer, opts.rules ?? DEFAULT_RULES);
  // The kepala daerah family's gelar is refused at input (Pasal 44), so only the profile's rules strip here.
  const name = shown.gelar || isKepalaDaerahFamily(signer) ? signer.name : withoutDegrees(signer.name);
  return {
    capacity,
    name: opts.nameCase === "as-written" ? oneLine(name) : caseName(name),
    pangkat: shown.identity && signer.pangkat ? oneLine(signer.pangkat) : null,
    nip: shown.identity && signer.nip ? signer.nip : null,
  };
}

/**
 * What the profile's signer rules would leave out of the foot, told to the drafter instead of dropped silently:
 * the renderer drops it all the same (a letter drafted before the rule changed still prints by the rule).
 * The kepala daerah family's rule (Pasal 44) is checked by the input schema itself.
 */
export function signerRuleIssues(signer: SignerInput, rules: SignerRules): ValidationIssue[] {
  if (isKepalaDaerahFamily(signer)) return [];
  const issues: ValidationIssue[] = [];
  const degrees = academicDegrees(signer.name);
  if (!rules.sekdaShowsIdentity && isSekretarisDaerah(signer.jabatan)) {
    const why = "untuk Sekretaris Daerah menurut profil pemda ini (Pasal 44 Permendagri 1/2023)";
    if (signer.pangkat)
      issues.push({ path: "issuer.pangkat", message: `Pangkat tidak dicantumkan ${why}; kosongkan kolom ini` });
    if (signer.nip) issues.push({ path: "issuer.nip", message: `NIP tidak dicantumkan ${why}; kosongkan kolom ini` });
    if (degrees.length > 0)
      issues.push({
        path: "issuer.name",
        message: `Gelar (${degrees.join(", ")}) tidak dicantumkan ${why}; tulis nama tanpa gelar`,
      });
  } else if (!rules.gelarForOfficials && degrees.length > 0)
    issues.push({
      path: "issuer.name",
      message: `Gelar (${degrees.join(", ")}) tidak dicantumkan: profil pemda ini menandatangani Surat Edaran tanpa gelar; tulis nama tanpa gelar`,
    });
  return issues;
}

/**
 * The capacity in running text, as the verify page, the acknowledgement page and the report name the signer:
 * "a.n. Bupati Banggai Kepulauan, Plh. Sekretaris Daerah", "Plt. Kepala Dinas X", "Penjabat Wali Kota Bengkulu".
 * The same reading of prefix and principal as signerBlock, without the letter's capitals.
 */
export function signerCapacityText(signer: Pick<SignerInput, "prefix" | "principal" | "jabatan">): string {
  if (signer.prefix === undefined) return signer.jabatan;
  return signer.principal === undefined
    ? `${signer.prefix} ${signer.jabatan}`
    : `${signer.prefix} ${signer.principal}, ${signer.jabatan}`;
}
