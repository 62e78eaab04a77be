// The Resend stand-in's inbox, for a person running the app offline (`npm run dev:worker`): every email it
// accepted, newest first, and each one's HTML as sent, so the acknowledgement link in it can be followed.
import type { DeliveredEmail } from "./resend-server.js";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#1f2937}
h1{font-size:1.25rem;margin:0 0 .25rem}p{margin:.25rem 0 1rem;color:#4b5563}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e5e7eb;
vertical-align:top}th{font-size:.8rem;color:#6b7280;text-transform:uppercase}a{color:#1d4ed8}
td.subject{overflow-wrap:anywhere}@media (max-width:600px){thead,td.at{display:none}tr{display:block;
padding:.5rem 0;border-bottom:1px solid #e5e7eb}td{display:block;border:0;padding:.125rem 0}}`;

export function inboxPage(delivered: readonly DeliveredEmail[]): string {
  const rows = [...delivered]
    .reverse()
    .map(
      (e) =>
        `<tr><td class="at">${new Date(e.at).toLocaleTimeString("id-ID")}</td><td>${escapeHtml(e.to.join(", "))}</td>` +
        `<td class="subject"><a href="/inbox/${encodeURIComponent(e.id)}">${escapeHtml(e.subject)}</a></td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Kotak masuk lokal</title><style>${STYLE}</style></head><body><h1>Kotak masuk lokal (pengganti Resend)</h1>
<p>${delivered.length} email diterima. Muat ulang halaman untuk melihat email baru.</p>
<table><thead><tr><th class="at">Waktu</th><th>Kepada</th><th>Subjek</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}

/** One email as its recipient would see it: the HTML part, or the text part when there is no HTML. */
export function inboxEmailPage(email: DeliveredEmail): string {
  if (email.html) return email.html;
  return `<!doctype html><meta charset="utf-8"><pre>${escapeHtml(email.text ?? "")}</pre>`;
}
