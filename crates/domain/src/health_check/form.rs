//! The walk over one form: each helper checks one kind of field, records its errors on the
//! camelCase input field and its out-of-normal flags, and gives back the value when it is valid.
use yiyang_protocol::{ExamFinding, ExamResult, FlagDirection, HealthFlag, UrineDipstick};

use super::ranges::{self, Measure, MeasureRule, NumberProblem, BMI};
use super::{dipstick_symbol, HealthCheckError};
use crate::error::ValidationErrors;
use crate::text::TextRule;

/// Longest description of one examination item.
const FINDING_DETAIL_CHARS: usize = 200;

/// Errors and flags gathered while walking one form.
#[derive(Default)]
pub(super) struct Form {
    pub errors: ValidationErrors,
    pub flags: Vec<HealthFlag>,
}

impl Form {
    /// An optional measurement: blank is `None` (not measured); a refused value is recorded and
    /// also `None`, which is harmless because any error fails the whole form.
    pub fn measure(&mut self, rule: &'static MeasureRule, raw: &str) -> Option<Measure> {
        match rule.parse(raw) {
            Ok(measure) => {
                if let Some(flag) = measure.as_ref().and_then(Measure::flag) {
                    self.flags.push(flag);
                }
                measure
            }
            Err(problem) => {
                let error = number_error(rule, raw, problem);
                self.errors.push(rule.field, &error);
                None
            }
        }
    }

    pub fn required(&mut self, rule: &'static MeasureRule, raw: &str) -> Option<Measure> {
        if ranges::normalise(raw).is_empty() {
            let label = rule.label;
            self.errors
                .push(rule.field, &HealthCheckError::Required { label });
            return None;
        }
        self.measure(rule, raw)
    }

    /// One blood-pressure reading. `arm` names the pair in messages (`血压（左）`); `None` makes
    /// both values required (rounds), otherwise both or neither must be filled in.
    pub fn blood_pressure(
        &mut self,
        rules: (&'static MeasureRule, &'static MeasureRule),
        raw: (&str, &str),
        arm: Option<&'static str>,
    ) -> (Option<Measure>, Option<Measure>) {
        let (sys_rule, dia_rule) = rules;
        let (systolic, diastolic) = match arm {
            None => (
                self.required(sys_rule, raw.0),
                self.required(dia_rule, raw.1),
            ),
            Some(label) => {
                let blank = (
                    ranges::normalise(raw.0).is_empty(),
                    ranges::normalise(raw.1).is_empty(),
                );
                let missing = match blank {
                    (true, false) => Some(sys_rule.field),
                    (false, true) => Some(dia_rule.field),
                    _ => None,
                };
                if let Some(field) = missing {
                    self.errors
                        .push(field, &HealthCheckError::BloodPressureIncomplete { label });
                }
                (self.measure(sys_rule, raw.0), self.measure(dia_rule, raw.1))
            }
        };
        if let (Some(s), Some(d)) = (systolic, diastolic) {
            if s.hundredths <= d.hundredths {
                let error = HealthCheckError::SystolicNotAboveDiastolic {
                    systolic_label: sys_rule.label,
                    diastolic_label: dia_rule.label,
                    systolic: s.text(),
                    diastolic: d.text(),
                };
                self.errors.push(sys_rule.field, &error);
            }
        }
        (systolic, diastolic)
    }

    /// A daily amount that only makes sense with the habit (`allowed`); `reason` says why not.
    pub fn amount(
        &mut self,
        rule: &'static MeasureRule,
        raw: &str,
        allowed: Result<(), &'static str>,
    ) -> Option<Measure> {
        match allowed {
            Ok(()) => self.measure(rule, raw),
            Err(reason) => {
                if !ranges::normalise(raw).is_empty() {
                    let label = rule.label;
                    self.errors.push(
                        rule.field,
                        &HealthCheckError::AmountWithoutHabit { label, reason },
                    );
                }
                None
            }
        }
    }

    /// BMI from the validated height and weight, rounded half up to one decimal and flagged on
    /// that rounded value, as it is reported.
    pub fn bmi(&mut self, height: Option<Measure>, weight: Option<Measure>) -> Option<Measure> {
        let tenths = bmi_tenths(height?.hundredths, weight?.hundredths)?;
        let bmi = Measure {
            rule: &BMI,
            hundredths: tenths * 10,
        };
        if let Some(flag) = bmi.flag() {
            self.flags.push(flag);
        }
        Some(bmi)
    }

    /// One examination item; `label` names the item (`皮肤`), `detail_label` its description
    /// (`皮肤异常情况`) in messages.
    pub fn finding(
        &mut self,
        (field, label, detail_label): (&'static str, &'static str, &'static str),
        finding: &Option<ExamFinding>,
    ) -> Option<ExamFinding> {
        let finding = finding.as_ref()?;
        let rule = TextRule {
            label: detail_label,
            max_chars: FINDING_DETAIL_CHARS,
            required: false,
            multiline: true,
        };
        let detail = self.errors.check(field, rule.apply(&finding.detail))?;
        if finding.result == ExamResult::Abnormal && detail.is_empty() {
            self.errors
                .push(field, &HealthCheckError::DetailRequired { label });
        }
        Some(ExamFinding {
            result: finding.result,
            detail,
        })
    }

    pub fn text(&mut self, field: &'static str, rule: &TextRule, raw: &str) -> String {
        self.errors
            .check(field, rule.apply(raw))
            .unwrap_or_default()
    }

    /// Chips: trimmed, blanks dropped, duplicates dropped (first kept), each within `rule`.
    pub fn chips(&mut self, field: &'static str, rule: &TextRule, raw: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for item in raw {
            if let Some(item) = self.errors.check(field, rule.apply(item)) {
                if !item.is_empty() && !out.contains(&item) {
                    out.push(item);
                }
            }
        }
        out
    }

    pub fn urine(&mut self, field: &str, label: &str, reading: Option<UrineDipstick>) {
        if let Some(reading) = reading.filter(|r| *r != UrineDipstick::Negative) {
            self.flags.push(HealthFlag {
                field: field.to_owned(),
                label: label.to_owned(),
                value: dipstick_symbol(reading).to_owned(),
                normal_range: "阴性".to_owned(),
                direction: FlagDirection::High,
            });
        }
    }
}

fn number_error(rule: &MeasureRule, raw: &str, problem: NumberProblem) -> HealthCheckError {
    let label = rule.label;
    let raw = ranges::normalise(raw);
    match problem {
        NumberProblem::NotANumber => HealthCheckError::NotANumber {
            label,
            unit: rule.unit,
            raw,
        },
        NumberProblem::TooManyDecimals => HealthCheckError::TooManyDecimals {
            label,
            raw,
            decimals: rule.decimals,
        },
        NumberProblem::OutOfPlausibleRange => HealthCheckError::OutOfPlausibleRange {
            label,
            raw,
            range: rule.plausible_text(),
        },
    }
}

/// BMI in tenths of kg/m², rounded half up, in exact integer arithmetic: with height `h` and
/// weight `w` in hundredths of cm and kg, BMI = w·10⁶ / h², so tenths = w·10⁷ / h².
fn bmi_tenths(height_hundredths: i64, weight_hundredths: i64) -> Option<i64> {
    let h2 = height_hundredths.checked_mul(height_hundredths)?;
    let numerator = weight_hundredths.checked_mul(20_000_000)?.checked_add(h2)?;
    numerator.checked_div(h2.checked_mul(2)?)
}
