/** @jsxImportSource hono/jsx */

import { EmptyState } from "./components/empty-state.js";
import { Pager } from "./components/pager.js";
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
  page: number;
  pageCount: number;
  /** Show "Buat surat" (sekretariat). */
  canCreate: boolean;
  /** Where a row links; default the letter detail (the Inspektorat passes its compliance page). */
  linkTo?: "detail" | "compliance";
}

function listHref(status: LetterStatus | "all", page = 1): string {
  const q = new URLSearchParams();
  if (status !== "all") q.set("status", status);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `${paths.letters}?${s}` : paths.letters;
}

export function LetterListPage(props: LetterListPageProps) {
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
          <a href={listHref(s)} aria-current={props.status === s ? "page" : undefined}>
            {label(s)}
            {props.counts?.[s] !== undefined ? ` (${props.counts[s]})` : ""}
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
      <Pager page={props.page} pageCount={props.pageCount} href={(p) => listHref(props.status, p)} />
    </Layout>
  );
}
