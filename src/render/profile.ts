// Page profile of a pemda's Tata Naskah Dinas: paper, margins, font and kop sizes. The defaults follow the
// format notes (Permendagri 1/2023 practice); a pemda with other rules overrides single settings.
import type { PemdaProfile } from "../domain/pemda-profile.js";

export const PAPER_SIZES_MM = {
  A4: { width: 210, height: 297 },
  /** Folio / F4 as most pemda pedoman define it. */
  F4: { width: 215, height: 330 },
} as const;
export type Paper = keyof typeof PAPER_SIZES_MM;

export interface Profile {
  paper: Paper;
  marginsCm: { top: number; bottom: number; left: number; right: number };
  font: string;
  fontSizePt: number;
  /** Line spacing as a multiple of single spacing (1.0–1.5 in practice). */
  lineSpacing: number;
  /** Space after each body paragraph. */
  paragraphAfterPt: number;
  kop: { nameSizePt: number; lineSizePt: number; logoWidthCm: number; ruleThickPt: number; emblemWidthCm: number };
  /** Small type of the electronic-signature visual and footer statement. */
  smallSizePt: number;
  pageNumber: "top" | "bottom";
}

export const DEFAULT_PROFILE: Profile = {
  paper: "A4",
  marginsCm: { top: 2.5, bottom: 3, left: 3, right: 2.5 },
  font: "Arial",
  fontSizePt: 12,
  lineSpacing: 1.0,
  paragraphAfterPt: 6,
  kop: { nameSizePt: 16, lineSizePt: 10, logoWidthCm: 2.2, ruleThickPt: 3, emblemWidthCm: 2.2 },
  smallSizePt: 8,
  pageNumber: "top",
};

export type ProfileOverrides = Partial<Omit<Profile, "marginsCm" | "kop">> & {
  marginsCm?: Partial<Profile["marginsCm"]>;
  kop?: Partial<Profile["kop"]>;
};

/** Defaults with the given settings on top; nested groups merge setting by setting. */
export function resolveProfile(overrides: ProfileOverrides = {}): Profile {
  return {
    ...DEFAULT_PROFILE,
    ...overrides,
    marginsCm: { ...DEFAULT_PROFILE.marginsCm, ...overrides.marginsCm },
    kop: { ...DEFAULT_PROFILE.kop, ...overrides.kop },
  };
}

/**
 * The layout of a letter of this Pemda: the profile's page (paper, margins, font, size) over the defaults, and the
 * caller's overrides (the CLI's flags, the renderer's own settings) over that.
 */
export function profileFor(pemda: PemdaProfile, overrides: ProfileOverrides = {}): Profile {
  const { paper, marginsCm, font, fontSizePt } = pemda.page;
  return resolveProfile({
    paper,
    font,
    fontSizePt,
    ...overrides,
    marginsCm: { ...marginsCm, ...overrides.marginsCm },
  });
}
