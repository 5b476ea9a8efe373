//! Document templates as data: versioned clause lists with `{占位符}` placeholders, so a county can
//! adapt the wording of the 医养服务合作协议 and the 家庭医生签约服务协议 without code. A template is
//! checked once when installed (every placeholder must be one the app fills) and filled with a
//! record's values when a document is previewed or signed.
mod fill;
mod template;
mod values;

pub use fill::{fill, FilledClause, FilledDocument, FilledParty, Value, Values};
pub use template::{
    builtin, parse_template, placeholders_of, Template, TemplateClause, TemplateError,
    TemplateField, TemplateParty, TemplateSignatory,
};
pub use values::{agreement_values, chinese_date, contract_values, ContractResident};

#[cfg(test)]
mod tests;
