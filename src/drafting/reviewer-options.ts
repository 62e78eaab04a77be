// Who the submit form offers as pemaraf: the active users the reviewer rule (domain/reviewers.ts) accepts
// for this submitter, the same rule transitionLetter checks on submit.
import { REVIEWER_ROLES, reviewerRefusal } from "../domain/reviewers.js";
import type { Store } from "../store/store.js";
import { listActiveUsersByName, type User } from "../store/users-repo.js";

export type ReviewerOption = Pick<User, "id" | "username" | "display_name" | "jabatan">;

/** Every user `submitterId` may choose as pemaraf, by display name then username. */
export async function reviewerOptions(store: Store, submitterId: string): Promise<ReviewerOption[]> {
  // The role filter only narrows the read; reviewerRefusal decides.
  const users = await listActiveUsersByName(store, REVIEWER_ROLES);
  return users
    .filter((u) => reviewerRefusal({ id: u.id, role: u.role, disabled: u.disabled_at !== null }, submitterId) === null)
    .map((u) => ({ id: u.id, username: u.username, display_name: u.display_name, jabatan: u.jabatan }));
}
