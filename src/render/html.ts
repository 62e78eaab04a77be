// A small HTML rendering of the same wording, for the web app's live preview. Every text is escaped.
import type { EdaranInput } from "../domain/edaran-input.js";
import { pemdaFromInput } from "../domain/pemda-from-input.js";
import type { PemdaProfile } from "../domain/pemda-profile.js";
import { buildWording, nomorText } from "./wording.js";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderEdaranHtml(
  input: EdaranInput,
  opts: { nomor?: string; nomorText?: string; pemda?: PemdaProfile } = {},
): string {
  const pemda = opts.pemda ?? pemdaFromInput(input);
  const w = buildWording(input, opts.nomorText ?? nomorText(input, opts.nomor, pemda), pemda);
  const li = (level: number, label: string, text: string) =>
    `<p class="li l${level}" style="margin-left:${(level + 1) * 2}em;text-indent:-2em"><span class="label">${esc(label)}</span> ${esc(text)}</p>`;
  const signer =
    `${w.foot.jabatan.map(esc).join("<br>")}<br><br><br><strong><u>${esc(w.foot.name)}</u></strong>` +
    w.foot.after.map((l) => `<br>${esc(l)}`).join("");
  const kop =
    w.kop.kind === "jabatan"
      ? `<header class="kop kop-jabatan" style="text-align:center"><strong>${esc(w.kop.name)}</strong></header>`
      : `<header class="kop"><strong>${esc(w.kop.name)}</strong>${w.kop.lines.map((l) => `<br><small>${esc(l)}</small>`).join("")}</header><hr>`;
  const l = w.lampiran;
  const parts: string[] = [
    kop,
    `<div class="yth">${esc(w.addressees.head)}` +
      (w.addressees.items.length > 1
        ? `<ol>${w.addressees.items.map((i) => `<li>${esc(i.text)}</li>`).join("")}</ol>`
        : ` ${w.addressees.items.map((i) => esc(i.text)).join("")}`) +
      `${w.addressees.note ? `<div>${esc(w.addressees.note)}</div>` : ""}<div>${esc(w.addressees.di)}</div><div style="margin-left:1em">${esc(w.addressees.tempat)}</div></div>`,
    `<div class="judul" style="text-align:center"><strong>${esc(w.title.heading)}</strong><br>${esc(w.title.nomor)}<br>${esc(w.title.tentang)}<br>${esc(w.title.judul)}</div>`,
    ...w.sections.map(
      (s) =>
        li(0, s.label, s.heading) +
        s.blocks
          .map((b) => (b.kind === "p" ? `<p style="margin-left:2em">${esc(b.text)}</p>` : li(b.level, b.label, b.text)))
          .join(""),
    ),
    `<div class="kaki" style="margin-left:50%">${w.foot.lines.map(esc).join("<br>")}<br>${signer}</div>`,
    w.tembusan
      ? `<div class="tembusan">${esc(w.tembusan.head)}<br>${w.tembusan.items.map((i) => `${esc(i.label)} ${esc(i.text)}`).join("<br>")}</div>`
      : "",
    l
      ? `<section class="lampiran"><hr><div style="margin-left:40%">${[...l.heading.map(esc), ...l.fields.map((f) => `${esc(f.label)} : ${esc(f.text)}`)].join("<br>")}</div>` +
        `<p style="text-align:center"><strong>${esc(l.title)}</strong></p>` +
        `<ol>${l.items.map((i) => `<li>${esc(i.text)}</li>`).join("")}</ol>` +
        `${l.note ? `<div>${esc(l.note)}</div>` : ""}<div class="kaki" style="margin-left:50%">${signer}</div></section>`
      : "",
  ];
  return `<article class="surat-edaran">${parts.join("\n")}</article>`;
}
