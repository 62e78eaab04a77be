// Builds the XML-DSig <Signature> of an OOXML package the way Office and LibreOffice write it: SignedInfo
// references #idPackageObject (a Manifest of per-part digests) and #idOfficeObject (SignatureInfoV1).
// Everything is written directly in Canonical XML 1.0 form, so the canonical bytes of a signed element are
// its text plus the xmldsig default namespace it inherits from <Signature>.
import { el, escapeText } from "./xml-text.js";

export const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
const MDSSI_NS = "http://schemas.openxmlformats.org/package/2006/digital-signature";
const C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const RELATIONSHIP_TRANSFORM = "http://schemas.openxmlformats.org/package/2006/RelationshipTransform";
const OBJECT_TYPE = "http://www.w3.org/2000/09/xmldsig#Object";

export interface ManifestReference {
  /** e.g. /word/document.xml?ContentType=application/vnd...main+xml */
  uri: string;
  /** base64 SHA-256 of the part bytes (or of the transformed .rels). */
  digest: string;
  /** For a .rels part: the relationship Ids the transform keeps. */
  relationshipIds?: readonly string[];
}

export interface SignatureXmlInput {
  references: readonly ManifestReference[];
  /** YYYY-MM-DDThh:mm:ssZ */
  signatureTime: string;
  comments: string;
  certificateBase64: string;
  sign: (canonicalSignedInfo: Uint8Array) => Promise<Uint8Array>;
}

const utf8 = new TextEncoder();

export function base64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

async function sha256Base64(text: string): Promise<string> {
  return base64(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(text))));
}

const digestMethod = () => el("DigestMethod", [["Algorithm", SHA256]]);

function manifestReference(r: ManifestReference): string {
  const transforms = r.relationshipIds
    ? el(
        "Transforms",
        [],
        el(
          "Transform",
          [["Algorithm", RELATIONSHIP_TRANSFORM]],
          r.relationshipIds
            .map((id) =>
              el("mdssi:RelationshipReference", [
                ["xmlns:mdssi", MDSSI_NS],
                ["SourceId", id],
              ]),
            )
            .join(""),
        ) + el("Transform", [["Algorithm", C14N]]),
      )
    : "";
  return el("Reference", [["URI", r.uri]], transforms + digestMethod() + el("DigestValue", [], r.digest));
}

function packageObject(input: SignatureXmlInput): string {
  const time = el(
    "SignatureProperties",
    [],
    el(
      "SignatureProperty",
      [
        ["Id", "idSignatureTime"],
        ["Target", "#idPackageSignature"],
      ],
      el(
        "mdssi:SignatureTime",
        [["xmlns:mdssi", MDSSI_NS]],
        el("mdssi:Format", [], "YYYY-MM-DDThh:mm:ssTZD") + el("mdssi:Value", [], escapeText(input.signatureTime)),
      ),
    ),
  );
  return el("Manifest", [], input.references.map(manifestReference).join("")) + time;
}

function officeObject(input: SignatureXmlInput): string {
  // Values as MS-OFFCRYPTO documents them for SignatureInfoV1 (the same LibreOffice writes).
  const info: Array<[string, string]> = [
    ["SetupId", ""],
    ["SignatureText", ""],
    ["SignatureImage", ""],
    ["SignatureComments", escapeText(input.comments)],
    ["WindowsVersion", "6.1"],
    ["OfficeVersion", "16.0"],
    ["ApplicationVersion", "16.0"],
    ["Monitors", "1"],
    ["HorizontalResolution", "1280"],
    ["VerticalResolution", "800"],
    ["ColorDepth", "32"],
    ["SignatureProviderId", "{00000000-0000-0000-0000-000000000000}"],
    ["SignatureProviderUrl", ""],
    ["SignatureProviderDetails", "9"],
    ["SignatureType", "1"],
  ];
  return el(
    "SignatureProperties",
    [],
    el(
      "SignatureProperty",
      [
        ["Id", "idOfficeV1Details"],
        ["Target", "#idPackageSignature"],
      ],
      el(
        "SignatureInfoV1",
        [["xmlns", "http://schemas.microsoft.com/office/2006/digsig"]],
        info.map(([k, v]) => el(k, [], v)).join(""),
      ),
    ),
  );
}

/** The complete sig1.xml text. */
export async function buildSignatureXml(input: SignatureXmlInput): Promise<string> {
  const packageContent = packageObject(input);
  const officeContent = officeObject(input);
  // An Object's canonical form as an XPointer subset: it renders the default namespace it inherits.
  const objectDigest = async (id: string, content: string) =>
    sha256Base64(
      el(
        "Object",
        [
          ["xmlns", DSIG_NS],
          ["Id", id],
        ],
        content,
      ),
    );
  const signedInfoRefs = [
    ["idPackageObject", await objectDigest("idPackageObject", packageContent)],
    ["idOfficeObject", await objectDigest("idOfficeObject", officeContent)],
  ]
    .map(([id, digest]) =>
      el(
        "Reference",
        [
          ["Type", OBJECT_TYPE],
          ["URI", `#${id}`],
        ],
        digestMethod() + el("DigestValue", [], digest!),
      ),
    )
    .join("");
  const signedInfoContent =
    el("CanonicalizationMethod", [["Algorithm", C14N]]) +
    el("SignatureMethod", [["Algorithm", RSA_SHA256]]) +
    signedInfoRefs;
  const signatureValue = base64(
    await input.sign(utf8.encode(el("SignedInfo", [["xmlns", DSIG_NS]], signedInfoContent))),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    el(
      "Signature",
      [
        ["xmlns", DSIG_NS],
        ["Id", "idPackageSignature"],
      ],
      el("SignedInfo", [], signedInfoContent) +
        el("SignatureValue", [], signatureValue) +
        el("KeyInfo", [], el("X509Data", [], el("X509Certificate", [], input.certificateBase64))) +
        el("Object", [["Id", "idPackageObject"]], packageContent) +
        el("Object", [["Id", "idOfficeObject"]], officeContent),
    )
  );
}
