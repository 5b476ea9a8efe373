/**
 * Per-field error messages from Rust, shown under each Form.Item. The messages live in our own
 * state (not antd's rules: the UI has none), so a message stays until the person edits that field
 * or the next answer from Rust replaces it, and `data-testid="error-<field>"` exists only while
 * the message is shown.
 */
import { useCallback, useMemo, useState } from "react";
import type { FieldIssue } from "../ipc";
import { mapFieldIssues } from "./fieldErrors";

export interface FieldErrorItemProps {
  validateStatus?: "error";
  help?: React.ReactNode;
}

export interface FieldErrors<F extends string> {
  errors: Partial<Record<F, string>>;
  /** Replaces all messages; returns the issues that name no field of this form. */
  showIssues: (issues: readonly FieldIssue[]) => FieldIssue[];
  /** Replaces the message of the given fields only (others stay as they are). */
  showIssuesFor: (fields: readonly F[], issues: readonly FieldIssue[]) => void;
  clear: (fields?: readonly F[]) => void;
  /** Spread onto a Form.Item. */
  itemProps: (field: F) => FieldErrorItemProps;
}

export function useFieldErrors<F extends string>(knownFields: readonly F[]): FieldErrors<F> {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});

  const showIssues = useCallback(
    (issues: readonly FieldIssue[]) => {
      const mapped = mapFieldIssues(issues, knownFields);
      setErrors(mapped.byField);
      return mapped.unmatched;
    },
    [knownFields],
  );

  const showIssuesFor = useCallback(
    (fields: readonly F[], issues: readonly FieldIssue[]) => {
      const mapped = mapFieldIssues(issues, knownFields);
      setErrors((prev) => {
        const next = { ...prev };
        for (const f of fields) {
          if (mapped.byField[f]) next[f] = mapped.byField[f];
          else delete next[f];
        }
        return next;
      });
    },
    [knownFields],
  );

  const clear = useCallback((fields?: readonly F[]) => {
    setErrors((prev) => {
      if (!fields) return Object.keys(prev).length === 0 ? prev : {};
      if (!fields.some((f) => prev[f] !== undefined)) return prev;
      const next = { ...prev };
      for (const f of fields) delete next[f];
      return next;
    });
  }, []);

  const itemProps = useCallback(
    (field: F): FieldErrorItemProps => {
      const message = errors[field];
      if (!message) return {};
      return {
        validateStatus: "error",
        help: <span data-testid={`error-${field}`}>{message}</span>,
      };
    },
    [errors],
  );

  return useMemo(
    () => ({ errors, showIssues, showIssuesFor, clear, itemProps }),
    [errors, showIssues, showIssuesFor, clear, itemProps],
  );
}
