/** @jsxImportSource hono/jsx */
// "Perlu tindakan saya": what waits for the signed-in person, most urgent first, each with a link to where it is
// done.

import type { WaitingItem, WaitingKind } from "../../work/waiting-for-me.js";
import { EmptyState } from "./components/empty-state.js";
import { waktu } from "./format.js";
import { type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

const KIND_TITLES: Record<WaitingKind, string> = {
  sign: "Menunggu tanda tangan Anda",
  approve: "Menunggu persetujuan Anda",
  paraf: "Menunggu paraf Anda",
  returned: "Dikembalikan untuk diperbaiki",
  send: "Sudah ditandatangani, belum dikirim",
  delivery_problem: "Email gagal atau ditolak",
  acknowledge: "Belum Anda konfirmasi penerimaannya",
  report: "Belum Anda laporkan tindak lanjutnya",
  follow_up: "Perangkat daerah yang perlu ditindaklanjuti",
};

export interface WaitingPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  items: WaitingItem[];
  /** The Inspektorat reads a letter on its compliance page; others on the letter page. */
  linkTo: "detail" | "compliance";
}

function note(i: WaitingItem): string | null {
  if (i.kind === "returned") return i.note ? `Alasan: ${i.note}` : null;
  if (i.kind === "delivery_problem") return `${i.count ?? 0} perangkat daerah`;
  if (i.kind === "follow_up")
    return `${i.count ?? 0} perangkat daerah belum mengonfirmasi setelah pengingat dihentikan`;
  return null;
}

export function WaitingPage(props: WaitingPageProps) {
  const kinds = [...new Set(props.items.map((i) => i.kind))];
  const href = (id: string) => (props.linkTo === "compliance" ? paths.complianceLetter(id) : paths.letter(id));
  return (
    <Layout title="Perlu tindakan" user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="waiting">
      <h1>Perlu tindakan saya</h1>
      {kinds.length === 0 ? <EmptyState title="Tidak ada yang menunggu tindakan Anda saat ini." /> : null}
      {kinds.map((k) => {
        const items = props.items.filter((i) => i.kind === k);
        return (
          <section class="card" data-kind={k}>
            <h2 style="margin-top:0">
              {KIND_TITLES[k]} ({items.length})
            </h2>
            <ul class="waiting">
              {items.map((i) => (
                <li>
                  <a class="break" href={href(i.letterId)}>
                    {i.tentang}
                  </a>
                  <div class="muted">
                    {i.nomor ?? "(belum bernomor)"} · sejak {waktu(i.since)}
                  </div>
                  {note(i) ? <div class="muted break">{note(i)}</div> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
