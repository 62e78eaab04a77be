// The DOCX of a letter as it stands: a draft without a nomor, or an approved letter with its number.

import { AppError } from "../domain/app-error.js";
import { parseEdaranInput } from "../domain/edaran-input.js";
import { renderEdaranDocx } from "../render/docx.js";
import type { Letter } from "../store/letters-repo.js";

export interface PreviewDeps {
  assets: { logoPng?: Uint8Array };
}

export async function renderLetterPreview(deps: PreviewDeps, row: Letter): Promise<Uint8Array> {
  const parsed = parseEdaranInput(JSON.parse(row.input_json));
  if (!parsed.ok) throw new AppError("stored_input_invalid", "Data surat tersimpan tidak valid");
  return renderEdaranDocx(parsed.value, {
    ...(row.nomor ? { nomorText: row.nomor } : {}),
    ...(deps.assets.logoPng ? { logoPng: deps.assets.logoPng } : {}),
  });
}
