/** @jsxImportSource hono/jsx */
// The HTML shell of every page: title, viewport, the stylesheet, the role's navigation, logout and flash messages.

import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Role } from "../../domain/roles.js";
import { paths } from "./page-paths.js";
import { APP_CSS } from "./styles.js";

export interface CurrentUser {
  displayName: string;
  role: Role;
  /** Shown beside the name for kepala_opd. */
  opdName?: string | null;
  /** How many things wait for this person ("Perlu tindakan" in the menu); absent when not counted. */
  waiting?: number;
}

export type FlashKind = "success" | "error" | "info" | "warning";
export interface FlashMessage {
  kind: FlashKind;
  message: string;
}

/** Which nav link is marked as the current page. */
export type NavKey =
  | "waiting"
  | "letters"
  | "newLetter"
  | "compliance"
  | "opdHistory"
  | "audit"
  | "violations"
  | "opdAdmin"
  | "users"
  | "legalBases"
  | "pemdaProfile"
  | "account"
  | "signer";

export interface LayoutProps {
  title: string;
  /** Absent on public pages (login, verify, acknowledgement): then no nav and no logout. */
  user?: CurrentUser | null;
  /** Needed for the logout form when a user is given. */
  csrfToken?: string;
  flash?: FlashMessage[];
  active?: NavKey;
  /** "link" (default) loads /assets/app.css; "inline" puts the CSS in the page (printable and standalone pages). */
  css?: "link" | "inline";
  /** Narrow centred column for short forms. */
  narrow?: boolean;
  children?: Child;
}

export const ROLE_LABELS: Record<Role, string> = {
  sekretariat: "Sekretariat",
  penandatangan: "Penandatangan",
  kepala_opd: "Kepala Perangkat Daerah",
  inspektorat: "Inspektorat",
  admin: "Administrator",
};

interface NavLink {
  key: NavKey;
  href: string;
  label: string;
}

const LETTERS: NavLink = { key: "letters", href: paths.letters, label: "Daftar surat" };
const NEW_LETTER: NavLink = { key: "newLetter", href: paths.newLetter, label: "Buat surat" };
const OPD_ADMIN: NavLink = { key: "opdAdmin", href: paths.opdAdmin, label: "Perangkat daerah" };
const USERS: NavLink = { key: "users", href: paths.users, label: "Pengguna" };
const LEGAL_BASES: NavLink = { key: "legalBases", href: paths.legalBases, label: "Dasar hukum" };
const PEMDA_PROFILE: NavLink = { key: "pemdaProfile", href: paths.pemdaProfile, label: "Profil Pemda" };
const COMPLIANCE: NavLink[] = [
  { key: "compliance", href: paths.compliance, label: "Kepatuhan" },
  { key: "opdHistory", href: paths.opdHistoryIndex, label: "Per OPD" },
  { key: "audit", href: paths.audit, label: "Log audit" },
  { key: "violations", href: paths.violations, label: "Pelanggaran" },
];

export const NAV_BY_ROLE: Record<Role, NavLink[]> = {
  sekretariat: [LETTERS, NEW_LETTER, OPD_ADMIN, LEGAL_BASES],
  penandatangan: [LETTERS, { key: "signer", href: paths.ownSigner, label: "Akun penandatangan" }],
  kepala_opd: [LETTERS],
  inspektorat: COMPLIANCE,
  admin: [LETTERS, OPD_ADMIN, USERS, PEMDA_PROFILE, LEGAL_BASES, ...COMPLIANCE],
};

/** The hidden CSRF field every POST form carries. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function Flash(props: { messages?: FlashMessage[] }) {
  if (!props.messages?.length) return null;
  return (
    <div aria-live="polite">
      {props.messages.map((m) => (
        <div class={`flash flash-${m.kind}`} role={m.kind === "error" ? "alert" : "status"}>
          {m.message}
        </div>
      ))}
    </div>
  );
}

export function Layout(props: LayoutProps) {
  const user = props.user;
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="id">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="same-origin" />
          <title>{`${props.title} · edaran`}</title>
          {props.css === "inline" ? (
            // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet of ours, no user text
            <style dangerouslySetInnerHTML={{ __html: APP_CSS }} />
          ) : (
            <link rel="stylesheet" href={paths.css} />
          )}
        </head>
        <body>
          <header class="topbar">
            <div class="topbar-inner">
              <a class="brand" href={user ? paths.home : paths.login}>
                edaran
              </a>
              {user ? (
                <nav class="nav" aria-label="Menu utama">
                  <a href={paths.waiting} aria-current={props.active === "waiting" ? "page" : undefined}>
                    Perlu tindakan
                    {user.waiting ? (
                      <span class="nav-count" data-waiting={String(user.waiting)}>
                        {" "}
                        ({user.waiting})
                      </span>
                    ) : null}
                  </a>
                  {NAV_BY_ROLE[user.role].map((link) => (
                    <a href={link.href} aria-current={props.active === link.key ? "page" : undefined}>
                      {link.label}
                    </a>
                  ))}
                  <span class="who">
                    {user.displayName} ·{" "}
                    {user.opdName ? `${ROLE_LABELS[user.role]} ${user.opdName}` : ROLE_LABELS[user.role]}
                  </span>
                  <a href={paths.accountPassword} aria-current={props.active === "account" ? "page" : undefined}>
                    Kata sandi
                  </a>
                  <form method="post" action={paths.logout}>
                    <CsrfField token={props.csrfToken ?? ""} />
                    <button type="submit">Keluar</button>
                  </form>
                </nav>
              ) : null}
            </div>
          </header>
          <main class={props.narrow ? "narrow" : undefined}>
            <Flash messages={props.flash} />
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}
