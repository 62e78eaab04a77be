// Which kop a letter carries (design/surat-edaran-format.md, "Rules for the signer block and kop"): the kop jabatan
// (emblem over "WALI KOTA BENGKULU") when the kepala daerah family signs, the kop of the instansi otherwise.
import type { KopRule } from "./pemda-profile.js";
import { isKepalaDaerahFamily, isKepalaDaerahJabatan, type SignerInput } from "./signer-block.js";

export type KopKind = "jabatan" | "instansi";

export function kopKind(rule: KopRule, issuer: Pick<SignerInput, "prefix" | "principal" | "jabatan">): KopKind {
  return rule === "by-signer" && isKepalaDaerahFamily(issuer) ? "jabatan" : "instansi";
}

/**
 * Whose Surat Edaran it is, as a Lampiran heading names it ("SURAT EDARAN WALI KOTA BENGKULU"): the kepala daerah's
 * when his family signs or an official signs on his behalf, else the principal's or the signer's own office.
 */
export function issuingOffice(
  kepalaDaerah: string,
  issuer: Pick<SignerInput, "prefix" | "principal" | "jabatan">,
): string {
  if (isKepalaDaerahFamily(issuer)) return kepalaDaerah;
  if (issuer.principal !== undefined) return isKepalaDaerahJabatan(issuer.principal) ? kepalaDaerah : issuer.principal;
  return issuer.jabatan;
}
