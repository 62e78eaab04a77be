// The one shape of a validation problem, shared by the CLI, the HTTP error envelope and the web form.
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Dotted path of a zod issue: sections.isi.0.text; the root is '(root)'. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "(root)";
}

/** Structural view of a zod error, so this pure module need not import zod's classes. */
export interface IssueSource {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

export function toValidationIssues(error: IssueSource): ValidationIssue[] {
  return error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
}
