/** @jsxImportSource hono/jsx */
// The OPD head's pages behind the personal link /tanda-terima/:token (no login: the token is the credential):
// acknowledge receipt, report how the letter was passed on, read the signed letter's pages on the page itself
// (SVG drawn from the PDF's layout, readable on a phone) and download the signed PDF and DOCX (ackLinkFile: never
// once the letter is withdrawn). The POSTs are rate
// limited per IP so the link cannot be used to hammer the server or guess tokens quickly.

import type { Hono } from "hono";
import { signerCapacityText } from "../../../domain/signer-block.js";
import { parseStoredReport } from "../../../domain/stored-report.js";
import type { ValidationIssue } from "../../../domain/validation-issues.js";
import { ackLinkFile } from "../../../drafting/letter-access.js";
import { signedLetterPages } from "../../../sign/signed-letter-pages.js";
import { letterInputIssuer } from "../../../store/letter-json.js";
import { acknowledge, findRecipientByToken, type RecipientByToken } from "../../../track/acknowledge.js";
import { submitReport } from "../../../track/follow-up-report.js";
import { csrfToken, formFile, formText, verifiedForm } from "../../csrf.js";
import { docxResponse, pdfResponse } from "../../docx-response.js";
import type { AppEnv } from "../../env.js";
import { ACK_LIMIT, clientAddress, rateLimit } from "../../rate-limit.js";
import { type AckLetterSummary, type AckLetterView, AckPage, type AckReport } from "../ack-page.js";
import type { FieldErrors } from "../components/form-field.js";
import { paths } from "../page-paths.js";
import { errorPage, type PageContext, pageApp, redirectWithFlash, render, takeFlash } from "./page-kit.js";

export { ACK_LIMIT };

function summary(found: RecipientByToken): AckLetterSummary {
  const input = letterInputIssuer(found.letter);
  return {
    nomor: found.letter.nomor ?? "",
    tentang: found.letter.tentang,
    government: found.government,
    signerJabatan: signerCapacityText(input.issuer),
    signedAt: found.letter.signed_at ?? "",
    ackDeadline: found.letter.ack_deadline,
    opdName: found.opd.name,
  };
}

/** The signed letter's pages for this link (one render per request), with the fonts from the cached asset route. */
function letterView(c: PageContext, found: RecipientByToken): Promise<AckLetterView | null> {
  return signedLetterPages(c.var.services, { kind: "ack_link", opdId: found.recipient.opd_id }, found.letter.id, {
    fontFaces: { regular: paths.letterFont("regular"), bold: paths.letterFont("bold") },
  });
}

function reportOf(found: RecipientByToken): AckReport | null {
  const r = found.recipient;
  const stored = parseStoredReport(r.report_json);
  if (!r.reported_at || !stored) return null;
  return {
    at: r.reported_at,
    staffInformed: stored.staffInformed,
    informedOn: stored.informedOn,
    note: stored.note || null,
    method: stored.method,
    attachment: stored.attachment?.filename ?? null,
  };
}

function fieldErrors(issues: readonly ValidationIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.split(".")[0] ?? "";
    errors[key] = errors[key] ? `${errors[key]}; ${i.message}` : i.message;
  }
  return errors;
}

async function invalidPage(c: PageContext): Promise<Response> {
  return render(c, <AckPage state="invalid" />, 404);
}

function withdrawnPage(c: PageContext, found: RecipientByToken): Response {
  return render(
    c,
    <AckPage
      state="withdrawn"
      letter={{ nomor: found.letter.nomor ?? "", tentang: found.letter.tentang }}
      withdrawnAt={found.letter.withdrawn_at ?? ""}
      reason={found.letter.withdrawn_reason}
    />,
    410,
  );
}

async function afterAckPage(
  c: PageContext,
  token: string,
  found: RecipientByToken,
  state: "acknowledged" | "already",
  extra: { reportValues?: Record<string, string>; errors?: FieldErrors; status?: 200 | 400 } = {},
): Promise<Response> {
  const r = found.recipient;
  return render(
    c,
    <AckPage
      state={state}
      token={token}
      csrfToken={csrfToken(c)}
      letter={summary(found)}
      view={await letterView(c, found)}
      ack={{ at: r.acknowledged_at ?? "", name: r.ack_name ?? "", position: r.ack_position ?? "" }}
      report={reportOf(found)}
      flash={await takeFlash(c)}
      {...(extra.reportValues ? { reportValues: extra.reportValues } : {})}
      {...(extra.errors ? { errors: extra.errors } : {})}
    />,
    extra.status ?? 200,
  );
}

const limited = (c: PageContext, s: number) =>
  errorPage(c, 429, `Terlalu banyak permintaan. Coba lagi dalam ${s} detik.`);

export function ackPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get("/tanda-terima/:token", async (c) => {
    const token = c.req.param("token");
    const found = await findRecipientByToken(c.var.services.store, token);
    if (!found) return invalidPage(c);
    if (found.letter.status === "withdrawn") return withdrawnPage(c, found);
    if (found.recipient.acknowledged_at) return afterAckPage(c, token, found, "already");
    return render(
      c,
      <AckPage
        state="form"
        token={token}
        csrfToken={csrfToken(c)}
        letter={summary(found)}
        view={await letterView(c, found)}
        flash={await takeFlash(c)}
      />,
    );
  });

  app.post("/tanda-terima/:token", rateLimit(ACK_LIMIT, limited), async (c) => {
    const token = c.req.param("token");
    const form = await verifiedForm(c);
    const { store, clock } = c.var.services;
    const values = { name: formText(form, "name"), position: formText(form, "position") };
    const r = await acknowledge(store, clock, token, {
      ...values,
      ip: clientAddress(c),
      userAgent: c.req.header("User-Agent") ?? null,
    });
    const found = await findRecipientByToken(store, token);
    if (r.status === "invalid_token" || !found) return invalidPage(c);
    if (r.status === "letter_withdrawn") return withdrawnPage(c, found);
    if (r.status === "invalid") {
      return render(
        c,
        <AckPage
          state="form"
          token={token}
          csrfToken={csrfToken(c)}
          letter={summary(found)}
          view={await letterView(c, found)}
          values={values}
          errors={fieldErrors(r.issues)}
        />,
        400,
      );
    }
    return afterAckPage(c, token, found, r.status === "acknowledged" ? "acknowledged" : "already");
  });

  app.post("/tanda-terima/:token/laporan", rateLimit(ACK_LIMIT, limited), async (c) => {
    const token = c.req.param("token");
    const form = await verifiedForm(c);
    const { store, blobs, clock } = c.var.services;
    const file = formFile(form, "attachment");
    const values = {
      staffInformed: formText(form, "staffInformed").trim(),
      informedOn: formText(form, "informedOn").trim(),
      method: formText(form, "method"),
      note: formText(form, "note"),
    };
    const r = await submitReport(store, blobs, clock, token, {
      staffInformed: values.staffInformed === "" ? undefined : values.staffInformed,
      informedOn: values.informedOn === "" ? undefined : values.informedOn,
      method: values.method === "" ? undefined : values.method,
      note: values.note,
      attachment: file
        ? { filename: file.name, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
        : null,
    });
    const found = await findRecipientByToken(store, token);
    if (r.status === "invalid_token" || !found) return invalidPage(c);
    if (r.status === "letter_withdrawn") return withdrawnPage(c, found);
    if (r.status === "not_acknowledged") {
      return redirectWithFlash(
        c,
        paths.ack(token),
        "warning",
        "Konfirmasi penerimaan surat dulu sebelum mengirim laporan.",
      );
    }
    if (r.status === "invalid")
      return afterAckPage(c, token, found, "already", {
        // A browser cannot refill a file field: the page says the chosen file must be chosen again.
        reportValues: { ...values, ...(file ? { attachmentName: file.name } : {}) },
        errors: fieldErrors(r.issues),
        status: 400,
      });
    return redirectWithFlash(c, paths.ack(token), "success", "Laporan penerusan tersimpan. Terima kasih.");
  });

  app.get("/tanda-terima/:token/docx", async (c) => {
    const file = await ackLinkFile(c.var.services, c.req.param("token"));
    if (!file) return invalidPage(c);
    return docxResponse(file.bytes, file.letter, file.variant);
  });

  app.get("/tanda-terima/:token/pdf", async (c) => {
    const file = await ackLinkFile(c.var.services, c.req.param("token"), "signed_pdf");
    if (!file) return invalidPage(c);
    return pdfResponse(file.bytes, file.letter, file.variant);
  });

  return app;
}
