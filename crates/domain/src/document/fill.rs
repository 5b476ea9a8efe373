//! Filling a template with a record's values: the text a document prints, before layout.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::template::{placeholders_of, Template};

/// A placeholder's value: text, or a list that turns its paragraph into one paragraph per entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

pub type Values = BTreeMap<&'static str, Value>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilledParty {
    pub role: String,
    /// (label, value); lines whose value came out empty are left out.
    pub lines: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilledClause {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// A template with every placeholder replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilledDocument {
    pub title: String,
    pub parties: Vec<FilledParty>,
    pub preamble: Vec<String>,
    pub clauses: Vec<FilledClause>,
    pub closing: Vec<String>,
    /// (role, name label) per signature block.
    pub signatories: Vec<(String, String)>,
}

/// Replaces every `{name}` in `text`. A placeholder without a value stays visible as
/// 「（未填写：name）」 so a missing value is seen on the preview rather than printed as nothing.
fn fill_text(text: &str, values: &Values) -> String {
    let Ok(names) = placeholders_of(text) else {
        return text.to_owned();
    };
    let mut out = text.to_owned();
    for name in names {
        let value = match values.get(name) {
            Some(Value::Text(t)) => t.clone(),
            Some(Value::List(l)) => l.join("；"),
            None => format!("（未填写：{name}）"),
        };
        out = out.replacen(&format!("{{{name}}}"), &value, 1);
    }
    out
}

/// The paragraphs one template paragraph becomes: a whole-paragraph list placeholder gives one
/// paragraph per entry; a paragraph that is only a placeholder whose value is empty disappears
/// (e.g. no 补充约定), so no empty line is printed.
fn fill_paragraph(text: &str, values: &Values) -> Vec<String> {
    let trimmed = text.trim();
    if let Some(name) = trimmed
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .filter(|n| !n.contains(['{', '}']))
    {
        match values.get(name) {
            Some(Value::List(items)) => return items.clone(),
            Some(Value::Text(t)) if t.trim().is_empty() => return Vec::new(),
            _ => {}
        }
    }
    vec![fill_text(text, values)]
}

fn fill_all(list: &[String], values: &Values) -> Vec<String> {
    list.iter()
        .flat_map(|p| fill_paragraph(p, values))
        .collect()
}

pub fn fill(template: &Template, values: &Values) -> FilledDocument {
    FilledDocument {
        title: fill_text(&template.title, values),
        parties: template
            .parties
            .iter()
            .map(|p| FilledParty {
                role: fill_text(&p.role, values),
                lines: p
                    .lines
                    .iter()
                    .map(|l| (fill_text(&l.label, values), fill_text(&l.value, values)))
                    .filter(|(_, v)| !v.trim().is_empty())
                    .collect(),
            })
            .collect(),
        preamble: fill_all(&template.preamble, values),
        clauses: template
            .clauses
            .iter()
            .map(|c| FilledClause {
                title: fill_text(&c.title, values),
                paragraphs: fill_all(&c.paragraphs, values),
            })
            .filter(|c| !c.paragraphs.is_empty())
            .collect(),
        closing: fill_all(&template.closing, values),
        signatories: template
            .signatories
            .iter()
            .map(|s| (fill_text(&s.role, values), fill_text(&s.name_label, values)))
            .collect(),
    }
}
