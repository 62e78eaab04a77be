// Prints a new OOXML signer (RSA key + self-signed certificate) as JSON, for the Workers secret:
//   npx tsx scripts/make-ooxml-signer.ts "Pemerintah Kota Bengkulu" | npx wrangler secret put OOXML_SIGNER_JSON
// It contains a private key: pipe it straight into the secret store, do not save it in the repository.
import { createOoxmlSignerJson } from "../src/sign/ooxml/ooxml-signer.js";

const organization = process.argv[2] ?? "Pemerintah Kota Bengkulu";
const json = await createOoxmlSignerJson(
  { commonName: `${organization} (edaran)`, organization, country: "ID" },
  new Date(),
);
process.stdout.write(JSON.stringify(json));
