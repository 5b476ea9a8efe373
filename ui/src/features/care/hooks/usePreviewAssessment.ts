import { previewAssessment } from "../../../ipc";
import type { AssessmentAnswers } from "../../../ipc";
import { useDebouncedValue } from "../../../shared/useDebouncedValue";
import { useIpcQuery } from "../../../shared/useIpcQuery";

export const PREVIEW_DEBOUNCE_MS = 250;

/**
 * Rust's score of the answers so far, asked for once the answers stop changing; `null` (an
 * incomplete form) asks nothing.
 */
export function usePreviewAssessment(answers: AssessmentAnswers | null) {
  const key = answers ? JSON.stringify(answers) : null;
  const debounced = useDebouncedValue(key, PREVIEW_DEBOUNCE_MS);
  const q = useIpcQuery(debounced, () => previewAssessment(JSON.parse(debounced ?? "null") as AssessmentAnswers));
  const settled = key === debounced && !q.loading;
  return {
    result: key !== null && settled ? q.data : undefined,
    error: key !== null && settled ? q.error : undefined,
    pending: key !== null && !settled,
  };
}
