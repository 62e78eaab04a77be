// Does a signer certificate lead to a trusted root? Issuers are looked up by name among the certificates the
// signature carries and the roots, each link's signature checked; a root is trusted by its exact DER.
import type * as pkijs from "pkijs";
import { constantTimeEqual } from "../../domain/encoding.js";

const MAX_DEPTH = 6;

function der(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER());
}

function isCa(cert: pkijs.Certificate): boolean {
  const bc = cert.extensions?.find((e) => e.extnID === "2.5.29.19");
  const parsed: unknown = bc?.parsedValue;
  return typeof parsed === "object" && parsed !== null && "cA" in parsed && parsed.cA === true;
}

function validAt(cert: pkijs.Certificate, at: Date): boolean {
  return cert.notBefore.value <= at && at <= cert.notAfter.value;
}

async function signedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (!cert.issuer.isEqual(issuer.subject) || !isCa(issuer)) return false;
  try {
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}

/** True when `leaf` chains to one of `roots`, every certificate on the way valid at `at`. */
export async function chainsToRoot(
  leaf: pkijs.Certificate,
  carried: readonly pkijs.Certificate[],
  roots: readonly pkijs.Certificate[],
  at: Date,
): Promise<boolean> {
  const rootDers = roots.map(der);
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (!validAt(current, at)) return false;
    const currentDer = der(current);
    if (rootDers.some((r) => r.length === currentDer.length && constantTimeEqual(r, currentDer))) return depth > 0;
    for (const root of roots) if ((await signedBy(current, root)) && validAt(root, at)) return true;
    let next: pkijs.Certificate | undefined;
    for (const c of carried) {
      if (c !== current && (await signedBy(current, c))) {
        next = c;
        break;
      }
    }
    if (!next) return false;
    current = next;
  }
  return false;
}
