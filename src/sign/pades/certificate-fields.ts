// What a signer certificate says about its holder: the X.520 attributes of its subject.
import type * as pkijs from "pkijs";

export const NAME_OID = {
  commonName: "2.5.4.3",
  serialNumber: "2.5.4.5",
  organization: "2.5.4.10",
  organizationalUnit: "2.5.4.11",
  title: "2.5.4.12",
} as const;

export function nameField(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  const value: unknown = tv?.value.valueBlock.value;
  return typeof value === "string" ? value : undefined;
}

export interface CertificateHolder {
  name: string;
  jabatan?: string;
  nip?: string;
  organization?: string;
}

export function certificateHolder(cert: pkijs.Certificate): CertificateHolder {
  const jabatan = nameField(cert.subject, NAME_OID.title);
  const nip = nameField(cert.subject, NAME_OID.serialNumber);
  const organization = nameField(cert.subject, NAME_OID.organization);
  return {
    name: nameField(cert.subject, NAME_OID.commonName) ?? "",
    ...(jabatan ? { jabatan } : {}),
    ...(nip ? { nip } : {}),
    ...(organization ? { organization } : {}),
  };
}
