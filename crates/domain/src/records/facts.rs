//! What the due rules read from an entry (positive screen, grade set, prescription weeks, plan
//! frequency), and its short stored code, so the due list never parses an entry's detail.
use yiyang_protocol::{DisabilityGrade, Frequency, FrequencyUnit};

/// What the due rules need to know about an entry beyond its item and date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFacts {
    Plain,
    /// A psychological screen (G6) and whether it was positive.
    Screen {
        positive: bool,
    },
    /// An ability/disability assessment (G7) and the grade it set.
    Disability {
        grade: DisabilityGrade,
    },
    Intervention,
    Guidance,
    Prescription {
        weeks: u8,
    },
    CarePlan {
        frequency: Option<Frequency>,
    },
    /// Not seen on a round; counts for nothing.
    Absence,
}

/// The facts as stored beside an entry (a short code, so the due list never parses details).
pub fn encode_facts(facts: RecordFacts) -> String {
    match facts {
        RecordFacts::Plain => String::new(),
        RecordFacts::Screen { positive } => format!("screen:{}", u8::from(positive)),
        RecordFacts::Disability { grade } => format!("grade:{}", grade_code(grade)),
        RecordFacts::Intervention => "intervention".into(),
        RecordFacts::Guidance => "guidance".into(),
        RecordFacts::Prescription { weeks } => format!("rx:{weeks}"),
        RecordFacts::CarePlan { frequency: None } => "plan".into(),
        RecordFacts::CarePlan { frequency: Some(f) } => {
            format!("plan:{}:{}", f.every, unit_code(f.unit))
        }
        RecordFacts::Absence => "absence".into(),
    }
}

/// Reads [`encode_facts`]' code back; unknown codes read as plain (they count as an entry).
pub fn decode_facts(code: &str) -> RecordFacts {
    let mut parts = code.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("screen"), Some(p), None) => RecordFacts::Screen { positive: p == "1" },
        (Some("grade"), Some(g), None) => grade_from_code(g).map_or(RecordFacts::Plain, |grade| {
            RecordFacts::Disability { grade }
        }),
        (Some("intervention"), None, None) => RecordFacts::Intervention,
        (Some("guidance"), None, None) => RecordFacts::Guidance,
        (Some("rx"), Some(w), None) => {
            w.parse()
                .map_or(RecordFacts::Plain, |weeks| RecordFacts::Prescription {
                    weeks,
                })
        }
        (Some("plan"), None, None) => RecordFacts::CarePlan { frequency: None },
        (Some("plan"), Some(every), Some(unit)) => RecordFacts::CarePlan {
            frequency: every
                .parse()
                .ok()
                .zip(unit_from_code(unit))
                .map(|(every, unit)| Frequency { every, unit }),
        },
        (Some("absence"), None, None) => RecordFacts::Absence,
        _ => RecordFacts::Plain,
    }
}

fn grade_code(g: DisabilityGrade) -> &'static str {
    match g {
        DisabilityGrade::Intact => "intact",
        DisabilityGrade::Mild => "mild",
        DisabilityGrade::Moderate => "moderate",
        DisabilityGrade::Severe => "severe",
        DisabilityGrade::Total => "total",
    }
}

fn grade_from_code(c: &str) -> Option<DisabilityGrade> {
    [
        DisabilityGrade::Intact,
        DisabilityGrade::Mild,
        DisabilityGrade::Moderate,
        DisabilityGrade::Severe,
        DisabilityGrade::Total,
    ]
    .into_iter()
    .find(|g| grade_code(*g) == c)
}

fn unit_code(u: FrequencyUnit) -> &'static str {
    match u {
        FrequencyUnit::Day => "day",
        FrequencyUnit::Week => "week",
        FrequencyUnit::Month => "month",
        FrequencyUnit::Year => "year",
    }
}

fn unit_from_code(c: &str) -> Option<FrequencyUnit> {
    [
        FrequencyUnit::Day,
        FrequencyUnit::Week,
        FrequencyUnit::Month,
        FrequencyUnit::Year,
    ]
    .into_iter()
    .find(|u| unit_code(*u) == c)
}
