/** @jsxImportSource hono/jsx */

import { EmptyState } from "./components/empty-state.js";
import { NextPage } from "./components/next-page.js";
import {
  LETTER_STATUS_LABELS,
  LETTER_STATUSES,
  type LetterStatus,
  LetterStatusBadge,
} from "./components/status-badge.js";
import { DataTable } from "./components/table.js";
import { waktu } from "./format.js";
import { type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export interface LetterListItem {
  id: string;
  tentang: string;
  nomor: string | null;
  status: LetterStatus;
  /** ISO instant. */
  updatedAt: string;
  createdByName?: string;
}

export interface LetterListPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  letters: LetterListItem[];
  /** The selected filter tab. */
  status: LetterStatus | "all";
  /** Count per tab, shown beside its label when given. */
  counts?: Partial<Record<LetterStatus | "all", number>>;
  /** The cursor of the next page (keyset paging); null on the last page. */
  nextCursor: string | null;
  /** Whether this page came after a cursor (so "Halaman pertama" is offered). */
  paged: boolean;
  /** Show "Buat surat" (sekretariat). */
  canCreate: boolean;
  /** Where a row links; default the letter detail (the Inspektorat passes its compliance page). */
  linkTo?: "detail" | "compliance";
}

function listHref(base: string, status: LetterStatus | "all", after?: string): string {
  const q = new URLSearchParams();
  if (status !== "all") q.set("status", status);
  if (after) q.set("after", after);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/** Counts stop at COUNT_CAP (src/store/letters-repo.ts); more reads as "1000+". */
const COUNT_SHOWN_MAX = 1000;
const countText = (n: number) => (n > COUNT_SHOWN_MAX ? `${COUNT_SHOWN_MAX}+` : String(n));

export function LetterListPage(props: LetterListPageProps) {
  const base = props.linkTo === "compliance" ? paths.compliance : paths.letters;
  const tabs: (LetterStatus | "all")[] = ["all", ...LETTER_STATUSES];
  const label = (s: LetterStatus | "all") => (s === "all" ? "Semua" : LETTER_STATUS_LABELS[s][0]);
  const href = (id: string) => (props.linkTo === "compliance" ? paths.complianceLetter(id) : paths.letter(id));
  return (
    <Layout title="Daftar surat" user={props.user} csrfToken={props.csrfToken} flash={props.flash} active="letters">
      <div class="actions" style="justify-content:space-between;align-items:center">
        <h1>Daftar surat edaran</h1>
        {props.canCreate ? (
          <a class="btn" href={paths.newLetter}>
            + Buat surat
          </a>
        ) : null}
      </div>
      <nav class="tabs" aria-label="Saring menurut status">
        {tabs.map((s) => (
          <a href={listHref(paths.letters, s)} aria-current={props.status === s ? "page" : undefined}>
            {label(s)}
            {props.counts?.[s] !== undefined ? ` (${countText(props.counts[s])})` : ""}
          </a>
        ))}
      </nav>
      {props.letters.length === 0 ? (
        <EmptyState
          title={props.status === "all" ? "Belum ada surat." : `Tidak ada surat berstatus ${label(props.status)}.`}
        >
          {props.canCreate ? <p>Mulai dengan tombol “Buat surat”.</p> : null}
        </EmptyState>
      ) : (
        <DataTable columns={["Tentang", "Status", "Nomor"]}>
          {props.letters.map((l) => (
            <tr>
              <td class="break">
                <a href={href(l.id)}>{l.tentang}</a>
                <div class="muted">
                  {l.createdByName ? `${l.createdByName} · ` : ""}diubah {waktu(l.updatedAt)}
                </div>
              </td>
              <td>
                <LetterStatusBadge status={l.status} />
              </td>
              <td>{l.nomor ?? <span class="muted">belum bernomor</span>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <NextPage
        nextHref={props.nextCursor ? listHref(base, props.status, props.nextCursor) : null}
        firstHref={props.paged ? listHref(base, props.status) : null}
      />
    </Layout>
  );
}
