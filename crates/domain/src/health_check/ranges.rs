//! The versioned range table of the health check and of rounds vitals: for every measurement its
//! label, unit, plausible range (outside it the value is refused as a typo), normal range (outside
//! it the value is flagged, never refused) and the decimals allowed; plus exact decimal parsing.
//!
//! Numbers are held as integer hundredths, never as floating point: a boundary such as 37.3 ℃ or
//! a BMI of exactly 23.95 must compare and round the same way on every machine.
//!
//! Where men and women have different reference intervals (血红蛋白, 肌酐, 尿素, 转氨酶) the table
//! holds the union of both, so a flag always means "abnormal whatever the sex"; a value inside may
//! still be abnormal for one sex. 腰围 has no normal range here for the same reason (central
//! obesity starts at 90 cm for men, 85 cm for women). *To confirm* with the clinic: the
//! laboratory ranges (adult / 60–79-year reference intervals of WS/T 404 and WS/T 405, lipids per
//! 中国成人血脂异常防治指南 2016). Any change to a range bumps [`RULE_VERSION`].
use yiyang_protocol::{FlagDirection, HealthFlag};

use crate::text::to_half_width;

/// Version of this table, stored with every health check so its flags can be traced to the
/// ranges they were computed with.
pub const RULE_VERSION: u32 = 1;

/// One end of a normal range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    /// The limit itself is still normal (`≤ 139`, `≥ 1.0`).
    Incl(f64),
    /// The limit itself is already abnormal (`< 5.2`).
    Excl(f64),
}

/// A normal range; a missing end is unbounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NormalRange {
    pub low: Option<Limit>,
    pub high: Option<Limit>,
}

/// How one measurement is checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasureRule {
    /// camelCase input field name, e.g. `leftSystolic`.
    pub field: &'static str,
    /// Chinese label for messages and flags, e.g. `收缩压（左）`.
    pub label: &'static str,
    /// Unit shown after numbers; empty for unitless values (decimal visual acuity).
    pub unit: &'static str,
    /// Plausible range, both ends included; outside it the value is refused.
    pub plausible_min: f64,
    pub plausible_max: f64,
    /// `None`: never flagged.
    pub normal: Option<NormalRange>,
    /// Most decimals allowed (0–2).
    pub decimals: u8,
}

const fn between(low: f64, high: f64) -> Option<NormalRange> {
    Some(NormalRange {
        low: Some(Limit::Incl(low)),
        high: Some(Limit::Incl(high)),
    })
}

const fn at_most(high: f64) -> Option<NormalRange> {
    Some(NormalRange {
        low: None,
        high: Some(Limit::Incl(high)),
    })
}

const fn below(high: f64) -> Option<NormalRange> {
    Some(NormalRange {
        low: None,
        high: Some(Limit::Excl(high)),
    })
}

const fn at_least(low: f64) -> Option<NormalRange> {
    Some(NormalRange {
        low: Some(Limit::Incl(low)),
        high: None,
    })
}

const fn rule(
    field: &'static str,
    label: &'static str,
    unit: &'static str,
    plausible: (f64, f64),
    normal: Option<NormalRange>,
    decimals: u8,
) -> MeasureRule {
    MeasureRule {
        field,
        label,
        unit,
        plausible_min: plausible.0,
        plausible_max: plausible.1,
        normal,
        decimals,
    }
}

// Physical exam and rounds vitals.
pub const TEMPERATURE: MeasureRule = rule(
    "temperature",
    "体温",
    "℃",
    (32.0, 43.0),
    between(36.0, 37.3),
    1,
);
pub const PULSE: MeasureRule = rule(
    "pulse",
    "脉率",
    "次/分钟",
    (20.0, 250.0),
    between(60.0, 100.0),
    0,
);
pub const RESPIRATION: MeasureRule = rule(
    "respiration",
    "呼吸频率",
    "次/分钟",
    (5.0, 60.0),
    between(12.0, 20.0),
    0,
);
/// 收缩压 as recorded on rounds; the health check uses the per-arm copies below.
pub const SYSTOLIC: MeasureRule = rule(
    "systolic",
    "收缩压",
    "mmHg",
    (60.0, 260.0),
    between(90.0, 139.0),
    0,
);
pub const DIASTOLIC: MeasureRule = rule(
    "diastolic",
    "舒张压",
    "mmHg",
    (30.0, 150.0),
    between(60.0, 89.0),
    0,
);
pub const LEFT_SYSTOLIC: MeasureRule = MeasureRule {
    field: "leftSystolic",
    label: "收缩压（左）",
    ..SYSTOLIC
};
pub const LEFT_DIASTOLIC: MeasureRule = MeasureRule {
    field: "leftDiastolic",
    label: "舒张压（左）",
    ..DIASTOLIC
};
pub const RIGHT_SYSTOLIC: MeasureRule = MeasureRule {
    field: "rightSystolic",
    label: "收缩压（右）",
    ..SYSTOLIC
};
pub const RIGHT_DIASTOLIC: MeasureRule = MeasureRule {
    field: "rightDiastolic",
    label: "舒张压（右）",
    ..DIASTOLIC
};
pub const HEIGHT: MeasureRule = rule("height", "身高", "cm", (100.0, 230.0), None, 1);
pub const WEIGHT: MeasureRule = rule("weight", "体重", "kg", (20.0, 250.0), None, 1);
pub const WAIST: MeasureRule = rule("waist", "腰围", "cm", (40.0, 200.0), None, 1);
/// Computed, never typed: its plausible range is never checked. Normal per the Chinese adult
/// standard (WS/T 428-2013): < 18.5 underweight, ≥ 24.0 overweight.
pub const BMI: MeasureRule = rule(
    "bmi",
    "体质指数（BMI）",
    "kg/m²",
    (0.0, 1000.0),
    between(18.5, 23.9),
    1,
);
/// Decimal acuity (小数记录); worse than 0.5 (6/12) is visual impairment.
pub const VISION_LEFT: MeasureRule =
    rule("visionLeft", "左眼视力", "", (0.01, 2.0), at_least(0.5), 2);
pub const VISION_RIGHT: MeasureRule = MeasureRule {
    field: "visionRight",
    label: "右眼视力",
    ..VISION_LEFT
};

// Lifestyle.
pub const CIGARETTES_PER_DAY: MeasureRule =
    rule("cigarettesPerDay", "日吸烟量", "支", (0.0, 100.0), None, 0);
/// 两 (50 g of liquor), as on the paper form.
pub const ALCOHOL_PER_DAY: MeasureRule =
    rule("alcoholPerDay", "日饮酒量", "两", (0.0, 20.0), None, 1);

// Auxiliary tests.
pub const HEMOGLOBIN: MeasureRule = rule(
    "hemoglobin",
    "血红蛋白",
    "g/L",
    (30.0, 250.0),
    between(115.0, 175.0),
    0,
);
pub const WBC: MeasureRule = rule(
    "wbc",
    "白细胞",
    "×10⁹/L",
    (0.1, 200.0),
    between(3.5, 9.5),
    2,
);
pub const PLATELETS: MeasureRule = rule(
    "platelets",
    "血小板",
    "×10⁹/L",
    (1.0, 2000.0),
    between(125.0, 350.0),
    0,
);
/// A low transaminase means nothing clinically: only the upper end is flagged.
pub const ALT: MeasureRule = rule(
    "alt",
    "血清谷丙转氨酶",
    "U/L",
    (0.0, 10000.0),
    at_most(50.0),
    1,
);
pub const AST: MeasureRule = rule(
    "ast",
    "血清谷草转氨酶",
    "U/L",
    (0.0, 10000.0),
    at_most(40.0),
    1,
);
pub const TOTAL_BILIRUBIN: MeasureRule = rule(
    "totalBilirubin",
    "总胆红素",
    "μmol/L",
    (0.0, 1000.0),
    between(3.4, 17.1),
    1,
);
pub const CREATININE: MeasureRule = rule(
    "creatinine",
    "血清肌酐",
    "μmol/L",
    (10.0, 3000.0),
    between(41.0, 111.0),
    1,
);
pub const UREA: MeasureRule = rule(
    "urea",
    "血尿素",
    "mmol/L",
    (0.5, 100.0),
    between(3.1, 9.5),
    2,
);
pub const FASTING_GLUCOSE: MeasureRule = rule(
    "fastingGlucose",
    "空腹血糖",
    "mmol/L",
    (1.0, 40.0),
    between(3.9, 6.1),
    2,
);
/// Glucose on rounds: a glucometer reading, one decimal; same ranges as the fasting glucose.
pub const GLUCOSE: MeasureRule = MeasureRule {
    field: "glucose",
    label: "血糖",
    decimals: 1,
    ..FASTING_GLUCOSE
};
pub const TC: MeasureRule = rule("tc", "总胆固醇", "mmol/L", (0.5, 30.0), below(5.2), 2);
pub const TG: MeasureRule = rule("tg", "甘油三酯", "mmol/L", (0.1, 60.0), below(1.7), 2);
pub const LDL: MeasureRule = rule(
    "ldl",
    "低密度脂蛋白胆固醇",
    "mmol/L",
    (0.1, 20.0),
    below(3.4),
    2,
);
pub const HDL: MeasureRule = rule(
    "hdl",
    "高密度脂蛋白胆固醇",
    "mmol/L",
    (0.1, 5.0),
    at_least(1.0),
    2,
);

/// Every typed measurement, in form order (the rounds copies last). [`BMI`] is computed and not
/// listed.
pub const RULES: &[MeasureRule] = &[
    CIGARETTES_PER_DAY,
    ALCOHOL_PER_DAY,
    TEMPERATURE,
    PULSE,
    RESPIRATION,
    LEFT_SYSTOLIC,
    LEFT_DIASTOLIC,
    RIGHT_SYSTOLIC,
    RIGHT_DIASTOLIC,
    HEIGHT,
    WEIGHT,
    WAIST,
    VISION_LEFT,
    VISION_RIGHT,
    HEMOGLOBIN,
    WBC,
    PLATELETS,
    ALT,
    AST,
    TOTAL_BILIRUBIN,
    CREATININE,
    UREA,
    FASTING_GLUCOSE,
    TC,
    TG,
    LDL,
    HDL,
    SYSTOLIC,
    DIASTOLIC,
    GLUCOSE,
];

/// Why a typed measurement was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberProblem {
    NotANumber,
    TooManyDecimals,
    OutOfPlausibleRange,
}

/// A parsed measurement: integer hundredths of its unit, with the rule it was checked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Measure {
    pub rule: &'static MeasureRule,
    pub hundredths: i64,
}

impl Measure {
    /// Normalised text: see [`format_hundredths`].
    pub fn text(&self) -> String {
        format_hundredths(self.hundredths, self.rule.decimals)
    }

    /// The whole-number value, for integer measurements (blood pressure, pulse).
    pub fn whole(&self) -> i32 {
        // The plausible range bounds every value far inside i32.
        i32::try_from(self.hundredths / 100).unwrap_or(i32::MAX)
    }

    /// The flag when the value is outside the normal range.
    pub fn flag(&self) -> Option<HealthFlag> {
        let rule = self.rule;
        let normal = rule.normal?;
        let direction = direction(&normal, self.hundredths)?;
        Some(HealthFlag {
            field: rule.field.to_owned(),
            label: rule.label.to_owned(),
            value: self.text(),
            normal_range: rule.normal_text().unwrap_or_default(),
            direction,
        })
    }
}

impl MeasureRule {
    /// Parses what was typed: full-width digits and point and surrounding spaces are accepted;
    /// blank is `Ok(None)` (not measured). Trailing zeros after the point do not count as
    /// decimals (`36.50` is 36.5).
    pub(crate) fn parse(&'static self, raw: &str) -> Result<Option<Measure>, NumberProblem> {
        let text = normalise(raw);
        if text.is_empty() {
            return Ok(None);
        }
        let (hundredths, decimals) = parse_decimal(&text).ok_or(NumberProblem::NotANumber)?;
        if decimals > usize::from(self.decimals) {
            return Err(NumberProblem::TooManyDecimals);
        }
        // Too many digits to hold is as implausible as any other huge value.
        let hundredths = hundredths.ok_or(NumberProblem::OutOfPlausibleRange)?;
        if hundredths < to_hundredths(self.plausible_min)
            || hundredths > to_hundredths(self.plausible_max)
        {
            return Err(NumberProblem::OutOfPlausibleRange);
        }
        Ok(Some(Measure {
            rule: self,
            hundredths,
        }))
    }

    /// `60–260 mmHg`.
    pub fn plausible_text(&self) -> String {
        with_unit(
            format!(
                "{}–{}",
                self.limit_text(self.plausible_min),
                self.limit_text(self.plausible_max)
            ),
            self.unit,
        )
    }

    /// `90–139 mmHg`, `< 5.2 mmol/L`, `≥ 1.0 mmol/L`; `None` when never flagged.
    pub fn normal_text(&self) -> Option<String> {
        let normal = self.normal?;
        let text = match (normal.low, normal.high) {
            (Some(Limit::Incl(low)), Some(Limit::Incl(high))) => {
                format!("{}–{}", self.limit_text(low), self.limit_text(high))
            }
            (low, high) => {
                let low = low.map(|l| match l {
                    Limit::Incl(v) => format!("≥ {}", self.limit_text(v)),
                    Limit::Excl(v) => format!("> {}", self.limit_text(v)),
                });
                let high = high.map(|l| match l {
                    Limit::Incl(v) => format!("≤ {}", self.limit_text(v)),
                    Limit::Excl(v) => format!("< {}", self.limit_text(v)),
                });
                match (low, high) {
                    (Some(low), Some(high)) => format!("{low} 且 {high}"),
                    (Some(one), None) | (None, Some(one)) => one,
                    (None, None) => return None,
                }
            }
        };
        Some(with_unit(text, self.unit))
    }

    fn limit_text(&self, limit: f64) -> String {
        format_hundredths(to_hundredths(limit), self.decimals)
    }
}

/// Where `hundredths` lies against `normal`: `None` inside.
pub(crate) fn direction(normal: &NormalRange, hundredths: i64) -> Option<FlagDirection> {
    let below = match normal.low {
        Some(Limit::Incl(v)) => hundredths < to_hundredths(v),
        Some(Limit::Excl(v)) => hundredths <= to_hundredths(v),
        None => false,
    };
    let above = match normal.high {
        Some(Limit::Incl(v)) => hundredths > to_hundredths(v),
        Some(Limit::Excl(v)) => hundredths >= to_hundredths(v),
        None => false,
    };
    if above {
        Some(FlagDirection::High)
    } else if below {
        Some(FlagDirection::Low)
    } else {
        None
    }
}

/// Full-width to ASCII, surrounding whitespace (the ideographic space included) trimmed.
pub(crate) fn normalise(raw: &str) -> String {
    let text: String = raw.chars().map(to_half_width).collect();
    text.trim().to_owned()
}

/// Table limits are written as decimals for readability; every one has at most two decimals,
/// so rounding to hundredths is exact.
fn to_hundredths(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

/// `-?digits[.digits]` (either side of the point may be empty, not both) into hundredths and the
/// count of significant decimals. The hundredths are `None` when too long to hold; digits beyond
/// the second decimal are dropped, which only matters once the decimals were refused anyway.
fn parse_decimal(text: &str) -> Option<(Option<i64>, usize)> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    let mut value = Some(0i64);
    let padded = frac.bytes().chain(std::iter::repeat(b'0')).take(2);
    for b in int.bytes().chain(padded) {
        value = value
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(i64::from(b - b'0')));
    }
    let value = if negative { value.map(|v| -v) } else { value };
    Some((value, frac.len()))
}

/// The canonical text of a value: integers plain (`120`); values whose rule allows decimals with
/// at least one decimal and no trailing zeros beyond it (`36.0`, `36.5`, `5.18`, `1.7`).
pub(crate) fn format_hundredths(hundredths: i64, decimals: u8) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    let (int, frac) = (abs / 100, abs % 100);
    if decimals == 0 && frac == 0 {
        return format!("{sign}{int}");
    }
    let frac = format!("{frac:02}");
    let frac = match frac.strip_suffix('0') {
        Some(one) => one,
        None => &frac,
    };
    format!("{sign}{int}.{frac}")
}

fn with_unit(text: String, unit: &str) -> String {
    if unit.is_empty() {
        text
    } else {
        format!("{text} {unit}")
    }
}
