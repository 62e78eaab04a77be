// Started by test/runtime/lazy-modules.test.ts with record-loaded-modules.mjs: starts the Node runtime on a fresh
// data folder as `npm start` does, marks the module list, then renders an email, a DOCX and a PDF, marking after
// each, so the test sees what start-up loaded and what each first use loaded.
import { appendFileSync } from "node:fs";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { renderEdaranPdf } from "../../src/render/pdf/render-pdf.js";
import { startNodeRuntime } from "../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../src/runtime/node-config.js";
import { emailPreviewHtml } from "../../src/send/email-preview.js";
import { makeSampleInput } from "./sample-input-fixture.js";

const [dataDir] = process.argv.slice(2);
const file = process.env.LOADED_MODULES_FILE;
if (!dataDir || !file) throw new Error("usage: LOADED_MODULES_FILE=… lazy-modules-child DATA_DIR");
const mark = (name: string) => appendFileSync(file, `--- ${name}\n`);

const rt = await startNodeRuntime(
  loadNodeConfig({ DATA_DIR: dataDir, SEED_PASSWORD: "uji-coba-rahasia", PASSWORD_ITERATIONS: "1000" }),
  { background: false, log: () => {} },
);
mark("started");
await emailPreviewHtml("letter");
mark("email");
await renderEdaranDocx(makeSampleInput());
mark("docx");
await renderEdaranPdf(makeSampleInput());
mark("pdf");
await rt.close();
