// A follow-up report's attachment as a download. An uploaded file keeps its stored type only when it is one
// of the types the report form accepts (anything else goes out as application/octet-stream), and its name is
// made safe for a Content-Disposition header.
import { notFound } from "../domain/app-error.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import { attachmentContentTypes, findReportAttachment, safeFilename } from "./follow-up-report.js";

export interface ReportAttachmentFile {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
}

/** The current attachment, or with `sha256` any version a report carried; not_found when there is none. */
export async function readReportAttachment(
  store: Store,
  blobs: BlobStore,
  letterId: string,
  opdId: string,
  sha256?: string,
): Promise<ReportAttachmentFile> {
  const found = await findReportAttachment(store, letterId, opdId, sha256);
  const bytes = found ? await blobs.get(found.key) : null;
  if (!found || !bytes) throw notFound("Lampiran laporan");
  const accepted = attachmentContentTypes.some((t) => t === found.contentType);
  return {
    bytes,
    contentType: accepted ? found.contentType : "application/octet-stream",
    filename: safeFilename(found.filename),
  };
}
