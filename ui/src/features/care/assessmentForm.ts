/**
 * The assessment form's values. The questions come from Rust's `scaleSpec`, the score from
 * `previewAssessment` / the saved record; this file only shapes answers and decides when there is
 * something to ask Rust about.
 */
import type { AbilityFactors, AssessmentAnswers, OptionSpec, Scale } from "../../ipc";

export interface AbilityFactorValues {
  coma?: boolean | null;
  dementiaOrPsychiatricDiagnosis?: boolean | null;
  careRiskEvents30Days?: number | null;
}

export interface AssessmentValues {
  /** The chosen option value per item; a hole is an unanswered item. */
  answers?: (number | null | undefined)[];
  abilityFactors?: AbilityFactorValues;
}

const isAnswer = (a: number | null | undefined): a is number => typeof a === "number" && Number.isFinite(a);

/** Indices of the items (of `itemCount`) not answered yet. */
export function unansweredItems(v: AssessmentValues, itemCount: number): number[] {
  const answers = v.answers ?? [];
  const out: number[] = [];
  for (let i = 0; i < itemCount; i += 1) if (!isAnswer(answers[i])) out.push(i);
  return out;
}

/** The three 附加情况 of 老年人能力评估, or `null` until all three are given. */
export function abilityFactorsOf(f: AbilityFactorValues | undefined): AbilityFactors | null {
  if (!f) return null;
  const { coma, dementiaOrPsychiatricDiagnosis, careRiskEvents30Days } = f;
  if (typeof coma !== "boolean" || typeof dementiaOrPsychiatricDiagnosis !== "boolean") return null;
  if (typeof careRiskEvents30Days !== "number" || !Number.isFinite(careRiskEvents30Days)) return null;
  return { coma, dementiaOrPsychiatricDiagnosis, careRiskEvents30Days };
}

/**
 * The answers Rust gets when saving: the given answers in item order. Unanswered items are left
 * out, so Rust reports how many answers are missing (and the form marks which).
 */
export function answersOf(scale: Scale, v: AssessmentValues, itemCount?: number): AssessmentAnswers {
  const raw = v.answers ?? [];
  const upTo = itemCount ?? raw.length;
  const answers: number[] = [];
  for (let i = 0; i < upTo; i += 1) {
    const a = raw[i];
    if (isAnswer(a)) answers.push(a);
  }
  return { scale, answers, abilityFactors: scale === "ability" ? abilityFactorsOf(v.abilityFactors) : null };
}

/** The answers to preview, once every item (and for 能力评估 every factor) is answered. */
export function previewAnswers(scale: Scale, v: AssessmentValues, itemCount: number): AssessmentAnswers | null {
  if (itemCount === 0 || unansweredItems(v, itemCount).length > 0) return null;
  const answers = answersOf(scale, v, itemCount);
  if (scale === "ability" && answers.abilityFactors === null) return null;
  return answers;
}

/** The option a digit key picks: `1` the first option shown, `2` the second … ; none otherwise. */
export function optionForKey(key: string, options: readonly OptionSpec[]): OptionSpec | undefined {
  if (!/^[1-9]$/.test(key)) return undefined;
  return options[Number(key) - 1];
}
