import { describe, expect, it } from "vitest";
import { abilityFactorsOf, answersOf, optionForKey, previewAnswers, unansweredItems } from "./assessmentForm";

describe("unansweredItems", () => {
  it("lists the holes up to the item count", () => {
    expect(unansweredItems({ answers: [0, undefined, 3] }, 5)).toEqual([1, 3, 4]);
    expect(unansweredItems({}, 2)).toEqual([0, 1]);
    expect(unansweredItems({ answers: [0, 0] }, 2)).toEqual([]);
  });
});

describe("answersOf", () => {
  it("sends the given answers in order, leaving the unanswered out", () => {
    expect(answersOf("self_care", { answers: [0, undefined, 3, null, 5] }, 5)).toEqual({
      scale: "self_care",
      answers: [0, 3, 5],
      abilityFactors: null,
    });
  });

  it("sends the ability factors only for 老年人能力评估, and only when complete", () => {
    const factors = { coma: false, dementiaOrPsychiatricDiagnosis: true, careRiskEvents30Days: 2 };
    expect(answersOf("ability", { answers: [4], abilityFactors: factors }, 1).abilityFactors).toEqual(factors);
    expect(answersOf("phq9", { answers: [1], abilityFactors: factors }, 1).abilityFactors).toBeNull();
    expect(answersOf("ability", { answers: [4], abilityFactors: { coma: false } }, 1).abilityFactors).toBeNull();
  });

  it("counts 否 and 0 events as answers", () => {
    expect(abilityFactorsOf({ coma: false, dementiaOrPsychiatricDiagnosis: false, careRiskEvents30Days: 0 })).toEqual({
      coma: false,
      dementiaOrPsychiatricDiagnosis: false,
      careRiskEvents30Days: 0,
    });
    expect(abilityFactorsOf({ coma: true, dementiaOrPsychiatricDiagnosis: null, careRiskEvents30Days: 0 })).toBeNull();
    expect(abilityFactorsOf(undefined)).toBeNull();
  });
});

describe("previewAnswers", () => {
  it("asks only once every item is answered", () => {
    expect(previewAnswers("phq9", { answers: [0, 1] }, 3)).toBeNull();
    expect(previewAnswers("phq9", { answers: [0, 1, 2] }, 3)).toEqual({
      scale: "phq9",
      answers: [0, 1, 2],
      abilityFactors: null,
    });
    expect(previewAnswers("phq9", { answers: [] }, 0)).toBeNull();
  });

  it("waits for the ability factors", () => {
    expect(previewAnswers("ability", { answers: [4] }, 1)).toBeNull();
    expect(
      previewAnswers("ability", {
        answers: [4],
        abilityFactors: { coma: false, dementiaOrPsychiatricDiagnosis: false, careRiskEvents30Days: 0 },
      }, 1),
    ).not.toBeNull();
  });
});

describe("optionForKey", () => {
  const options = [
    { value: 0, label: "可自理" },
    { value: 3, label: "中度依赖" },
    { value: 5, label: "不能自理" },
  ];
  it("picks the n-th option shown for digit n", () => {
    expect(optionForKey("1", options)?.value).toBe(0);
    expect(optionForKey("3", options)?.value).toBe(5);
    expect(optionForKey("4", options)).toBeUndefined();
    expect(optionForKey("0", options)).toBeUndefined();
    expect(optionForKey("a", options)).toBeUndefined();
  });
});
