// The Pemda profile form is flat HTML fields named by their path in the profile ("kopInstansi.address",
// "page.marginsCm.top"); these pure functions translate both ways. An empty optional field is left out; a
// number field that is not a number is kept as text so the schema names it; "2,5" is read as 2.5 (the
// Indonesian decimal comma). The two signer rules and the DOCX attachment are checkboxes (present = true).
import { isRecord } from "../../domain/json-value.js";
import type { PemdaProfile } from "../../domain/pemda-profile.js";

export type ProfileForm = Record<string, string>;

export const PROFILE_TEXT_FIELDS = [
  "level",
  "governmentName",
  "kepalaDaerah",
  "kopInstansi.address",
  "kopInstansi.phone",
  "kopInstansi.email",
  "kopInstansi.website",
  "kopJabatan",
  "kopRule",
  "page.paper",
  "page.font",
  "nomorPattern",
  "nameCase",
  "delivery.mode",
] as const;
export const PROFILE_NUMBER_FIELDS = [
  "page.marginsCm.top",
  "page.marginsCm.bottom",
  "page.marginsCm.left",
  "page.marginsCm.right",
  "page.fontSizePt",
  "reminders.maxPerRecipient",
  "reminders.stopAfterDaysPastDeadline",
  "reminders.intervalHours",
] as const;
export const PROFILE_CHECKBOXES = [
  "signerRules.sekdaShowsIdentity",
  "signerRules.gelarForOfficials",
  "delivery.attachDocx",
] as const;

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = target;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (isRecord(next)) at = next;
    else {
      const created: Record<string, unknown> = {};
      at[k] = created;
      at = created;
    }
  }
  at[keys.at(-1) ?? ""] = value;
}

function getPath(source: unknown, path: string): unknown {
  let at: unknown = source;
  for (const k of path.split(".")) at = isRecord(at) ? at[k] : undefined;
  return at;
}

const number = (text: string): number | string => {
  const t = text.trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
};

/** The posted form as the JSON body PUT /api/pemda-profile takes (kopInstansi and page always present). */
export function profileFormToInput(form: ProfileForm): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kopInstansi: {},
    page: { marginsCm: {} },
    signerRules: {},
    delivery: {},
    reminders: {},
  };
  for (const f of PROFILE_TEXT_FIELDS) {
    const v = (form[f] ?? "").trim();
    if (v !== "") setPath(out, f, v);
  }
  for (const f of PROFILE_NUMBER_FIELDS) {
    const v = (form[f] ?? "").trim();
    if (v !== "") setPath(out, f, number(v));
  }
  for (const f of PROFILE_CHECKBOXES) setPath(out, f, form[f] !== undefined);
  return out;
}

/** A stored profile as the form's values ("2.5" shown as "2,5"). */
export function profileToForm(p: PemdaProfile): ProfileForm {
  const form: ProfileForm = {};
  for (const f of PROFILE_TEXT_FIELDS) {
    const v = getPath(p, f);
    if (typeof v === "string") form[f] = v;
  }
  for (const f of PROFILE_NUMBER_FIELDS) {
    const v = getPath(p, f);
    if (typeof v === "number") form[f] = String(v).replace(".", ",");
  }
  for (const f of PROFILE_CHECKBOXES) if (getPath(p, f) === true) form[f] = "on";
  return form;
}
