// The Pemda profile of a letter that comes without one (the CLI, letters drafted before profiles): read from the
// input's government block and signer, with the profile schema's defaults for everything else.
import { AppError } from "./app-error.js";
import type { EdaranInput } from "./edaran-input.js";
import { levelFromName, type PemdaLevel, type PemdaProfile, pemdaProfileSchema } from "./pemda-profile.js";
import { type SignerInput, withoutActing } from "./signer-block.js";

// The profile schema's own defaults, so a derived profile and a stored one agree on every setting left out.
const shape = pemdaProfileSchema.shape;
const DEFAULTS = {
  kopRule: shape.kopRule.parse(undefined),
  images: shape.images.parse(undefined),
  page: shape.page.parse(undefined),
  nomorPattern: shape.nomorPattern.parse(undefined),
  nameCase: shape.nameCase.parse(undefined),
  signerRules: shape.signerRules.parse(undefined),
  delivery: shape.delivery.parse(undefined),
  reminders: shape.reminders.parse(undefined),
} satisfies Partial<PemdaProfile>;

const TITLE: Record<PemdaLevel, string> = { provinsi: "Gubernur", kabupaten: "Bupati", kota: "Wali Kota" };

/** "Bupati Kudus", "Wali Kota Bengkulu": a kepala daerah's office with its place. */
const KEPALA_DAERAH_OFFICE = /^(bupati|wali\s*kota|gubernur)\s+\S/i;

/**
 * The kepala daerah the signer serves, as written in his jabatan or principal ("Penjabat Wali Kota Bengkulu" →
 * "Wali Kota Bengkulu", "Wakil Bupati Kudus" → "Bupati Kudus"); else from the government name ("Pemerintah
 * Kabupaten Kudus" → "Bupati Kudus").
 */
export function kepalaDaerahOf(governmentName: string, issuer: Pick<SignerInput, "principal" | "jabatan">): string {
  for (const jabatan of [issuer.principal, issuer.jabatan]) {
    if (jabatan === undefined) continue;
    const office = withoutActing(jabatan).replace(/^wakil\s+/i, "");
    if (KEPALA_DAERAH_OFFICE.test(office)) return office;
  }
  const place = governmentName
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^pemerintah\s+(daerah\s+)?(provinsi|kabupaten|kota)\s+/i, "");
  return `${TITLE[levelFromName(governmentName)]} ${place}`;
}

export function pemdaFromInput(input: EdaranInput): PemdaProfile {
  // The profile work makes `government` optional (a letter drafted with a profile needs none); typed wide here so
  // this keeps compiling then, and says so clearly instead of printing an empty kop.
  const government: EdaranInput["government"] | undefined = input.government;
  if (government === undefined)
    throw new AppError("validation_failed", "Surat tanpa profil pemda harus memuat data pemerintah daerah", [
      { path: "government", message: "Data pemerintah daerah wajib diisi bila surat tidak memakai profil pemda" },
    ]);
  const kepalaDaerah = kepalaDaerahOf(government.name, input.issuer);
  const { address, phone, email, website } = government.kop;
  // Built, not parsed: the input was checked by its own schema, and a renderer given unchecked text directly
  // drops what XML cannot hold rather than refusing the letter (test/render/unprintable-text.test.ts).
  return {
    ...DEFAULTS,
    level: levelFromName(government.name),
    governmentName: government.name,
    kepalaDaerah,
    kopInstansi: {
      address,
      ...(phone === undefined ? {} : { phone }),
      ...(email === undefined ? {} : { email }),
      ...(website === undefined ? {} : { website }),
    },
    kopJabatan: kepalaDaerah.toUpperCase(),
    ...(input.nomor.pattern === undefined ? {} : { nomorPattern: input.nomor.pattern }),
  };
}
