/**
 * Puts the FieldIssue list Rust returns onto the fields of a form. Rust owns every rule; this only
 * decides under which field a message is shown.
 */
import type { FieldIssue } from "../ipc";

/** Message per form field, plus the issues that name no field of this form. */
export interface MappedIssues<F extends string> {
  byField: Partial<Record<F, string>>;
  unmatched: FieldIssue[];
}

/**
 * The form field an issue's `field` refers to: `"institution.name"` → `"name"`,
 * `"chronicConditions[2]"` or `"chronicConditions.2"` → `"chronicConditions"`.
 */
export function issueFieldName(field: string): string {
  const segments = field
    .replace(/\[\d+\]/g, "")
    .split(".")
    .filter((s) => s !== "" && !/^\d+$/.test(s));
  return segments.length > 0 ? segments[segments.length - 1] : field;
}

/**
 * Groups issues by the known form fields. Several issues on one field are joined into one
 * message, in the order Rust sent them.
 */
export function mapFieldIssues<F extends string>(
  issues: readonly FieldIssue[],
  knownFields: readonly F[],
): MappedIssues<F> {
  const known = new Set<string>(knownFields);
  const byField: Partial<Record<F, string>> = {};
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    const name = issueFieldName(issue.field);
    if (!known.has(name)) {
      unmatched.push(issue);
      continue;
    }
    const key = name as F;
    const prev = byField[key];
    byField[key] = prev ? `${prev}；${issue.message}` : issue.message;
  }
  return { byField, unmatched };
}
