import { renderEdaranDocx } from "../render/docx.js";
import { letterInput } from "../store/letter-json.js";
import type { Letter } from "../store/letters-repo.js";

export interface PreviewDeps {
  assets: { logoPng?: Uint8Array };
}

export async function renderLetterPreview(deps: PreviewDeps, row: Letter): Promise<Uint8Array> {
  return renderEdaranDocx(letterInput(row), {
    ...(row.nomor ? { nomorText: row.nomor } : {}),
    ...(deps.assets.logoPng ? { logoPng: deps.assets.logoPng } : {}),
  });
}
