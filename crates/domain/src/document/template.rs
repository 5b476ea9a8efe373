//! The template model, its checks and the built-in templates (`crates/domain/templates/*.json`).
use serde::{Deserialize, Serialize};
use yiyang_protocol::DocumentKind;

use crate::Coded;

/// A versioned clause list. Every text may hold `{占位符}` placeholders; a paragraph that is exactly
/// one list placeholder (e.g. `{服务项目}`) becomes one paragraph per list entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Template {
    pub kind: DocumentKind,
    pub version: u32,
    /// What changed in this version, for the template list (e.g. 「县卫健局 2027 年修订」).
    #[serde(default)]
    pub description: String,
    pub title: String,
    pub parties: Vec<TemplateParty>,
    #[serde(default)]
    pub preamble: Vec<String>,
    pub clauses: Vec<TemplateClause>,
    #[serde(default)]
    pub closing: Vec<String>,
    pub signatories: Vec<TemplateSignatory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateParty {
    /// 「甲方」「乙方」
    pub role: String,
    pub lines: Vec<TemplateField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateField {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateClause {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// A signature block: the role printed above it and the label of the signer's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateSignatory {
    /// 「甲方（盖章）」
    pub role: String,
    /// 「代表人」「签约居民（或监护人）」
    pub name_label: String,
}

/// Why a template file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("模板文件不是有效的模板 JSON：{0}")]
    Format(String),
    #[error("模板版本必须是大于 0 的整数")]
    Version,
    #[error("模板的{0}不能为空")]
    Empty(&'static str),
    #[error("模板中的占位符「{{{name}}}」未知：{kind}模板可用的占位符为 {known}")]
    UnknownPlaceholder {
        name: String,
        kind: &'static str,
        known: String,
    },
    #[error("模板中「{0}」的花括号不成对：占位符应写成 {{名称}}")]
    Braces(String),
    #[error("列表占位符「{{{0}}}」必须单独成段")]
    ListInline(String),
    #[error("模板需要两个签署栏（双方各一），现有 {0} 个")]
    Signatories(usize),
}

impl Coded for TemplateError {
    fn code(&self) -> &'static str {
        match self {
            Self::Format(_) => "template.format",
            Self::Version => "template.version",
            Self::Empty(_) => "template.empty",
            Self::UnknownPlaceholder { .. } => "template.unknown_placeholder",
            Self::Braces(_) => "template.braces",
            Self::ListInline(_) => "template.list_inline",
            Self::Signatories(_) => "template.signatories",
        }
    }
}

/// Placeholders each kind of document fills: (name, is a list).
pub(crate) fn known_placeholders(kind: DocumentKind) -> &'static [(&'static str, bool)] {
    match kind {
        DocumentKind::CooperationAgreement => &[
            ("协议编号", false),
            ("甲方名称", false),
            ("甲方统一社会信用代码", false),
            ("甲方执业许可证登记号", false),
            ("甲方地址", false),
            ("甲方电话", false),
            ("乙方名称", false),
            ("乙方统一社会信用代码", false),
            ("乙方地址", false),
            ("乙方电话", false),
            ("开始日期", false),
            ("结束日期", false),
            ("服务项目", true),
            ("服务方式", false),
            ("建档时限", false),
            ("补充约定", false),
            ("变更说明", false),
        ],
        DocumentKind::FamilyDoctorContract => &[
            ("签约编号", false),
            ("机构名称", false),
            ("机构统一社会信用代码", false),
            ("机构地址", false),
            ("机构电话", false),
            ("团队名称", false),
            ("责任医生", false),
            ("居民姓名", false),
            ("性别", false),
            ("出生日期", false),
            ("身份证号", false),
            ("居民地址", false),
            ("居民电话", false),
            ("人群分类", false),
            ("服务包", false),
            ("服务项目", true),
            ("签约费用", false),
            ("医保支付", false),
            ("个人自付", false),
            ("开始日期", false),
            ("结束日期", false),
        ],
    }
}

pub(crate) fn kind_label(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::CooperationAgreement => "医养服务合作协议",
        DocumentKind::FamilyDoctorContract => "家庭医生签约服务协议",
    }
}

/// The placeholder names in `text`, in order; refuses unbalanced braces.
pub fn placeholders_of(text: &str) -> Result<Vec<&str>, TemplateError> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(TemplateError::Braces(text.to_owned()));
        }
        let after = &rest[open + 1..];
        let close = after
            .find(['{', '}'])
            .filter(|&i| after[i..].starts_with('}'))
            .ok_or_else(|| TemplateError::Braces(text.to_owned()))?;
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    Ok(names)
}

fn check_text(kind: DocumentKind, text: &str, whole_paragraph: bool) -> Result<(), TemplateError> {
    let known = known_placeholders(kind);
    for name in placeholders_of(text)? {
        match known.iter().find(|(n, _)| *n == name) {
            None => {
                return Err(TemplateError::UnknownPlaceholder {
                    name: name.to_owned(),
                    kind: kind_label(kind),
                    known: known
                        .iter()
                        .map(|(n, _)| format!("{{{n}}}"))
                        .collect::<Vec<_>>()
                        .join("、"),
                })
            }
            Some((_, true)) if !(whole_paragraph && text.trim() == format!("{{{name}}}")) => {
                return Err(TemplateError::ListInline(name.to_owned()))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

impl Template {
    /// Every rule a template must meet before it is installed or used.
    pub fn check(&self) -> Result<(), TemplateError> {
        if self.version == 0 {
            return Err(TemplateError::Version);
        }
        if self.title.trim().is_empty() {
            return Err(TemplateError::Empty("标题"));
        }
        if self.clauses.is_empty() {
            return Err(TemplateError::Empty("条款"));
        }
        if self.signatories.len() != 2 {
            return Err(TemplateError::Signatories(self.signatories.len()));
        }
        let kind = self.kind;
        check_text(kind, &self.title, false)?;
        for party in &self.parties {
            for line in &party.lines {
                check_text(kind, &line.label, false)?;
                check_text(kind, &line.value, false)?;
            }
        }
        for clause in &self.clauses {
            if clause.title.trim().is_empty() {
                return Err(TemplateError::Empty("条款标题"));
            }
            check_text(kind, &clause.title, false)?;
            for p in &clause.paragraphs {
                check_text(kind, p, true)?;
            }
        }
        for p in self.preamble.iter().chain(&self.closing) {
            check_text(kind, p, true)?;
        }
        for s in &self.signatories {
            check_text(kind, &s.role, false)?;
            check_text(kind, &s.name_label, false)?;
        }
        Ok(())
    }
}

/// Parses and checks a template file (JSON).
pub fn parse_template(json: &str) -> Result<Template, TemplateError> {
    let template: Template =
        serde_json::from_str(json).map_err(|e| TemplateError::Format(e.to_string()))?;
    template.check()?;
    Ok(template)
}

const COOPERATION_V1: &str = include_str!("../../templates/cooperation_agreement.v1.json");
const CONTRACT_V1: &str = include_str!("../../templates/family_doctor_contract.v1.json");

/// The template shipped with the app for `kind` (version 1). Installed county versions with a
/// higher number take precedence (the store decides).
pub fn builtin(kind: DocumentKind) -> Template {
    let json = match kind {
        DocumentKind::CooperationAgreement => COOPERATION_V1,
        DocumentKind::FamilyDoctorContract => CONTRACT_V1,
    };
    // The built-in files are checked by a unit test; a broken one must not ship.
    parse_template(json).unwrap_or_else(|e| panic!("内置模板无效：{e}"))
}
