// The esign client service's v2 API, as far as edaran uses it: check a user's status, sign PDFs, verify a PDF.
// Every failure becomes an AppError with a Bahasa Indonesia message the signer can act on.
import { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import { base64ToBytesOrNull, bytesToBase64 } from "../../domain/encoding.js";
import type { BsreConfig } from "./bsre-config.js";

/** BSrE's status codes (as seen in Pemda integrations): user not registered, no active certificate, wrong credential. */
export const BSRE_STATUS = { notRegistered: 2011, noCertificate: 2021, wrongCredential: 2031 } as const;

export interface BsreSignatureProperties {
  tampilan: "VISIBLE" | "INVISIBLE";
  page?: number;
  originX?: number;
  originY?: number;
  width?: number;
  height?: number;
  location?: string;
  reason?: string;
  imageBase64?: string;
}

export interface BsreSignBody {
  nik: string;
  passphrase?: string;
  totp?: string;
  signatureProperties: BsreSignatureProperties[];
  file: Uint8Array[];
}

const errorBodySchema = z.object({
  status_code: z.coerce.number().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
});
const statusSchema = z.object({ status: z.string(), status_code: z.coerce.number().optional() });
const signAnswerSchema = z.object({
  time: z.union([z.number(), z.string()]).optional(),
  file: z.array(z.string()).min(1),
});
export const bsreVerifyAnswerSchema = z.object({
  conclusion: z.string(),
  signatureCount: z.number().optional(),
  signatureInformations: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type BsreVerifyAnswer = z.infer<typeof bsreVerifyAnswerSchema>;

function statusError(code: number | undefined): AppError | null {
  if (code === BSRE_STATUS.notRegistered) {
    return new AppError("bsre_not_registered", "NIK penandatangan belum terdaftar di BSrE");
  }
  if (code === BSRE_STATUS.noCertificate) {
    return new AppError("bsre_no_certificate", "Penandatangan belum memiliki sertifikat elektronik BSrE yang aktif");
  }
  if (code === BSRE_STATUS.wrongCredential) {
    return new AppError("bsre_credential_wrong", "Passphrase atau kode TOTP BSrE salah");
  }
  return null;
}

export function bsreClient(config: BsreConfig) {
  const doFetch = config.fetch ?? fetch;
  const auth = `Basic ${btoa(`${config.username}:${config.password}`)}`;

  async function post(path: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${config.baseUrl}${path}`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError");
      throw timedOut
        ? new AppError(
            "bsre_timeout",
            `Layanan BSrE tidak menjawab dalam ${Math.round(config.timeoutMs / 1000)} detik; coba lagi`,
          )
        : new AppError("bsre_unavailable", "Layanan BSrE tidak dapat dihubungi; coba lagi nanti");
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new AppError(
        "bsre_rejected_client",
        "Layanan BSrE menolak aplikasi ini (akun esign client salah); hubungi admin",
      );
    }
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new AppError("bsre_unavailable", "Layanan BSrE sedang tidak tersedia; coba lagi nanti");
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new AppError("bsre_unavailable", "Jawaban layanan BSrE tidak dapat dibaca");
    }
    if (!res.ok) {
      const err = errorBodySchema.safeParse(json);
      const known = statusError(err.success ? err.data.status_code : undefined);
      if (known) throw known;
      throw new AppError("bsre_unavailable", "Layanan BSrE menolak permintaan penandatanganan");
    }
    return json;
  }

  return {
    /** Resolves when the user may sign (ISSUE); throws the matching AppError otherwise. */
    async checkStatus(nik: string): Promise<void> {
      const parsed = statusSchema.safeParse(await post("/api/v2/user/check/status", { nik }));
      if (!parsed.success) throw new AppError("bsre_unavailable", "Jawaban layanan BSrE tidak dapat dibaca");
      if (parsed.data.status === "ISSUE") return;
      const code =
        parsed.data.status_code ??
        (parsed.data.status === "NOT_REGISTERED"
          ? BSRE_STATUS.notRegistered
          : parsed.data.status === "NO_CERTIFICATE"
            ? BSRE_STATUS.noCertificate
            : undefined);
      throw (
        statusError(code) ?? new AppError("bsre_no_certificate", `Status penandatangan di BSrE: ${parsed.data.status}`)
      );
    },

    async signPdf(body: BsreSignBody): Promise<Uint8Array[]> {
      const answer = signAnswerSchema.safeParse(
        await post("/api/v2/sign/pdf", { ...body, file: body.file.map(bytesToBase64) }),
      );
      const files = answer.success ? answer.data.file.map(base64ToBytesOrNull) : [];
      if (files.length !== body.file.length || files.some((f) => f === null)) {
        throw new AppError("bsre_unavailable", "Jawaban layanan BSrE tidak berisi dokumen yang ditandatangani");
      }
      return files.filter((f): f is Uint8Array<ArrayBuffer> => f !== null);
    },

    async verifyPdf(pdf: Uint8Array): Promise<BsreVerifyAnswer> {
      const answer = bsreVerifyAnswerSchema.safeParse(await post("/api/v2/verify/pdf", { file: bytesToBase64(pdf) }));
      if (!answer.success) throw new AppError("bsre_unavailable", "Jawaban verifikasi BSrE tidak dapat dibaca");
      return answer.data;
    },
  };
}

export type BsreClient = ReturnType<typeof bsreClient>;
