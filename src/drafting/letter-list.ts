// The letter list as its page shows it: one page of the letters the viewer may see, each with its drafter's
// name, and how many of those letters are in each status (the tabs), whatever status is selected.
import { type LetterStatus, letterStatusSchema } from "../domain/workflow.js";
import { countLettersByStatus, type LetterFilter } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";
import { userNamesById } from "../store/users-repo.js";
import { type LetterViewer, listVisibleLetters, visibleLetterFilter } from "./letter-access.js";
import { type LetterSummary, letterSummary } from "./letter-view.js";

export type StatusCounts = Partial<Record<LetterStatus | "all", number>>;

export interface LetterListEntry extends LetterSummary {
  /** The drafter's display name; "" when the account is gone. */
  createdByName: string;
}

export interface LetterList {
  items: LetterListEntry[];
  total: number;
  limit: number;
  offset: number;
  /** The `after` of the next page; null on the last one. */
  nextCursor: string | null;
  /** Letters per status the viewer may see, and "all", each counted up to COUNT_CAP + 1; a status without letters is left out. */
  counts: StatusCounts;
}

export async function letterList(
  store: Store,
  viewer: LetterViewer,
  f: Pick<LetterFilter, "status" | "limit" | "offset" | "after"> = {},
): Promise<LetterList> {
  const [page, perStatus] = await Promise.all([
    listVisibleLetters(store, viewer, f),
    countLettersByStatus(store, visibleLetterFilter(viewer) ?? undefined),
  ]);
  const counts: StatusCounts = { all: 0 };
  for (const [status, n] of perStatus) {
    const known = letterStatusSchema.safeParse(status);
    if (known.success) counts[known.data] = n;
    counts.all = (counts.all ?? 0) + n;
  }
  const names = await userNamesById(
    store,
    page.items.map((l) => l.created_by),
  );
  return {
    ...page,
    items: page.items.map((l) => ({ ...letterSummary(l), createdByName: names.get(l.created_by)?.name ?? "" })),
    counts,
  };
}
