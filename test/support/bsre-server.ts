// A local stand-in for a Pemda's BSrE esign client service, v2 API, as edaran's adapter uses it: HTTP Basic
// auth (401 otherwise), POST /api/v2/user/check/status → ISSUE / NOT_REGISTERED (2011) / NO_CERTIFICATE (2021),
// POST /api/v2/sign/pdf (JSON: nik, passphrase or totp, signatureProperties, file[] base64 → { time, file[] };
// a wrong passphrase or TOTP → 400 with status_code 2031) and POST /api/v2/verify/pdf. It signs for real, with
// an RSA test CA (as BSrE's are) through signPdf, so pdfsig can check what comes back. Faults: a 5xx, or no answer at all.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { base64ToBytes, bytesToBase64 } from "../../src/domain/encoding.js";
import { signPdf } from "../../src/sign/pades/sign-pdf.js";
import { verifyPdfSignatures } from "../../src/sign/pades/verify-pdf-signatures.js";
import { makeTestCa, type TestCa } from "./test-ca-fixture.js";

export interface BsreUser {
  nik: string;
  name: string;
  jabatan: string;
  status: "ISSUE" | "NOT_REGISTERED" | "NO_CERTIFICATE";
  passphrase: string;
  totp?: string;
}

export type BsreFault = { kind: "5xx"; status?: number } | { kind: "hang" };

export interface BsreServer {
  url: string;
  username: string;
  password: string;
  /** The stand-in's root: what BSRE_ROOTS_PEM would hold. */
  rootPem: string;
  /** Every request, path and the status it was answered with. */
  readonly requests: { path: string; status: number; body: Record<string, unknown> }[];
  /** The next request answers with this fault. */
  inject(fault: BsreFault): void;
  close(): Promise<void>;
}

function pem(der: Uint8Array): string {
  const b64 = bytesToBase64(der).replace(/.{64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return typeof v === "object" && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};
  } catch {
    return {};
  }
}

interface Props {
  tampilan?: string;
  page?: number;
  originX?: number;
  originY?: number;
  width?: number;
  height?: number;
}

export async function makeBsreServer(users: BsreUser[]): Promise<BsreServer> {
  const username = "esign-pemda";
  const password = "rahasia-esign";
  const cas = new Map<string, TestCa>();
  for (const u of users)
    cas.set(u.nik, await makeTestCa(u.name, u.jabatan, "Balai Besar Sertifikasi Elektronik", "RSA"));
  // One root for all: every user's CA fixture is its own, so the stand-in publishes the first user's root and
  // signs every user's letters through that user's chain; tests use one user per server where trust matters.
  const firstCa = cas.values().next().value;
  const faults: BsreFault[] = [];
  const requests: BsreServer["requests"] = [];
  const hanging = new Set<ServerResponse>();

  function answer(res: ServerResponse, path: string, body: Record<string, unknown>, status: number, json: unknown) {
    requests.push({ path, status, body });
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(json));
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? "/";
      const body = await readJson(req);
      const fault = faults.shift();
      if (fault?.kind === "hang") {
        requests.push({ path, status: 0, body });
        hanging.add(res);
        return;
      }
      if (fault?.kind === "5xx")
        return answer(res, path, body, fault.status ?? 500, { error: "Internal Server Error" });
      const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return answer(res, path, body, 401, { error: "Unauthorized" });
      const user = users.find((u) => u.nik === body.nik);

      if (req.method === "POST" && path === "/api/v2/user/check/status") {
        if (!user || user.status === "NOT_REGISTERED") {
          return answer(res, path, body, 200, {
            status: "NOT_REGISTERED",
            status_code: 2011,
            message: "User tidak terdaftar",
          });
        }
        if (user.status === "NO_CERTIFICATE") {
          return answer(res, path, body, 200, {
            status: "NO_CERTIFICATE",
            status_code: 2021,
            message: "Sertifikat tidak ada",
          });
        }
        return answer(res, path, body, 200, { status: "ISSUE", message: "Sertifikat aktif" });
      }

      if (req.method === "POST" && path === "/api/v2/sign/pdf") {
        if (!user || user.status === "NOT_REGISTERED")
          return answer(res, path, body, 400, { status_code: 2011, error: "User tidak terdaftar" });
        if (user.status === "NO_CERTIFICATE")
          return answer(res, path, body, 400, { status_code: 2021, error: "Sertifikat tidak ada" });
        const ok =
          (typeof body.passphrase === "string" && body.passphrase === user.passphrase) ||
          (typeof body.totp === "string" && user.totp !== undefined && body.totp === user.totp);
        if (!ok) return answer(res, path, body, 400, { status_code: 2031, error: "Passphrase anda salah" });
        const files = Array.isArray(body.file) ? body.file.filter((f): f is string => typeof f === "string") : [];
        const props: Props[] = Array.isArray(body.signatureProperties) ? body.signatureProperties : [];
        const p = props[0] ?? {};
        const widget =
          p.tampilan === "VISIBLE" && p.page && p.originX !== undefined && p.originY !== undefined
            ? {
                page: p.page - 1,
                rect: [p.originX, p.originY, p.originX + (p.width ?? 0), p.originY + (p.height ?? 0)] as const,
              }
            : undefined;
        const ca = cas.get(user.nik);
        if (!ca || files.length === 0) return answer(res, path, body, 400, { error: "file kosong" });
        const signed = [];
        for (const f of files) {
          signed.push(
            bytesToBase64(
              await signPdf(base64ToBytes(f), {
                signer: ca.signer,
                signingTime: new Date(),
                ...(widget ? { widget } : {}),
              }),
            ),
          );
        }
        return answer(res, path, body, 200, { time: 1234, file: signed });
      }

      if (req.method === "POST" && path === "/api/v2/verify/pdf") {
        const file = typeof body.file === "string" ? base64ToBytes(body.file) : new Uint8Array();
        const roots = [...cas.values()].map((c) => c.root);
        const sigs = await verifyPdfSignatures(file, { roots, now: new Date() });
        const valid = sigs.length > 0 && sigs.every((s) => s.intact && s.certificateStatus === "trusted");
        return answer(res, path, body, 200, {
          conclusion: sigs.length === 0 ? "NO_SIGNATURE" : valid ? "VALID" : "INVALID",
          signatureCount: sigs.length,
          signatureInformations: sigs.map((s) => ({ signerName: s.signerName, integrityValid: s.intact })),
        });
      }
      return answer(res, path, body, 404, { error: "Not Found" });
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo; // cast: listen() on a TCP port gives an AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    username,
    password,
    rootPem: firstCa ? pem(firstCa.root) : "",
    requests,
    inject(fault) {
      faults.push(fault);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
