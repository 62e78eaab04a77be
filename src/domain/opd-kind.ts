/** The kinds of perangkat daerah (opd.kind), as the reference data and the OPD pages name them. */
export const opdKinds = [
  "sekretariat",
  "dinas",
  "badan",
  "inspektorat",
  "satpol_pp",
  "kecamatan",
  "bagian",
  "lainnya",
] as const;
export type OpdKind = (typeof opdKinds)[number];
