// A small HTML rendering of the same wording, for the web app's live preview. Every text is escaped.
import type { EdaranInput } from "../domain/edaran-input.js";
import { buildWording, nomorText } from "./wording.js";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderEdaranHtml(input: EdaranInput, opts: { nomor?: string; nomorText?: string } = {}): string {
  const w = buildWording(input, opts.nomorText ?? nomorText(input, opts.nomor));
  const li = (level: number, label: string, text: string) =>
    `<p class="li l${level}" style="margin-left:${(level + 1) * 2}em;text-indent:-2em"><span class="label">${esc(label)}</span> ${esc(text)}</p>`;
  const parts: string[] = [
    `<header class="kop"><strong>${esc(w.kop.name)}</strong>${w.kop.lines.map((l) => `<br><small>${esc(l)}</small>`).join("")}</header><hr>`,
    `<div class="yth">${esc(w.addressees.head)}<ol>${w.addressees.items.map((i) => `<li>${esc(i.text)}</li>`).join("")}</ol>` +
      `${w.addressees.note ? `<div>${esc(w.addressees.note)}</div>` : ""}<div>${esc(w.addressees.di)}</div><div style="margin-left:1em">${esc(w.addressees.tempat)}</div></div>`,
    `<div class="judul" style="text-align:center"><strong>${esc(w.title.heading)}</strong><br>${esc(w.title.nomor)}<br>${esc(w.title.tentang)}<br>${esc(w.title.judul)}</div>`,
    ...w.sections.map(
      (s) =>
        li(0, s.label, s.heading) +
        s.blocks
          .map((b) => (b.kind === "p" ? `<p style="margin-left:2em">${esc(b.text)}</p>` : li(b.level, b.label, b.text)))
          .join(""),
    ),
    `<div class="kaki" style="margin-left:50%">${[...w.foot.lines, ...w.foot.jabatan].map(esc).join("<br>")}<br><br><br><strong><u>${esc(w.foot.name)}</u></strong>${w.foot.after.map((l) => `<br>${esc(l)}`).join("")}</div>`,
    w.tembusan
      ? `<div class="tembusan">${esc(w.tembusan.head)}<br>${w.tembusan.items.map((i) => `${esc(i.label)} ${esc(i.text)}`).join("<br>")}</div>`
      : "",
  ];
  return `<article class="surat-edaran">${parts.join("\n")}</article>`;
}
