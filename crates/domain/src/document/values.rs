//! The values a record gives its document's placeholders: what a 医养服务合作协议 or a
//! 家庭医生签约服务协议 says about its parties, term, items and fees.
use chrono::{Datelike, NaiveDate};
use yiyang_protocol::{Agreement, Contract, Institution, Sex};

use super::fill::{Value, Values};
use crate::agreement::method_label;
use crate::contract::{category_label, package_label};
use crate::due::rules::ItemRule;
use crate::money::format_yuan;
use crate::records::frequency_label;
use crate::resident::sex_label;
use crate::text::parse_iso_date;

/// 「2026年12月1日」, as dates are written in the running text of agreements.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn date_text(iso: &str) -> String {
    parse_iso_date(iso).map_or_else(|| iso.to_owned(), chinese_date)
}

fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}

/// The resident's particulars a contract prints (read from the health file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractResident {
    pub name: String,
    pub sex: Sex,
    pub birth_date: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
}

/// Placeholder values of a cooperation agreement. `amends` is the number of the agreement this
/// one replaces, if any.
pub fn agreement_values(
    a: &Agreement,
    clinic: &Institution,
    home: &Institution,
    licence_no: &str,
    amends: Option<&str>,
) -> Values {
    let items = a
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let label = ItemRule::of(it.item).label;
            match it.frequency {
                Some(f) => format!("{}. {label}：{}", i + 1, frequency_label(f)),
                None => format!("{}. {label}：按服务规范提供", i + 1),
            }
        })
        .collect();
    let methods: Vec<&str> = a.methods.iter().map(|m| method_label(*m)).collect();
    let mut v = Values::new();
    v.insert("协议编号", text(&a.number));
    v.insert("甲方名称", text(&clinic.name));
    v.insert("甲方统一社会信用代码", text(&clinic.credit_code));
    v.insert("甲方执业许可证登记号", text(licence_no.trim()));
    v.insert("甲方地址", text(&clinic.address));
    v.insert("甲方电话", text(&clinic.contact_phone));
    v.insert("乙方名称", text(&home.name));
    v.insert("乙方统一社会信用代码", text(&home.credit_code));
    v.insert("乙方地址", text(&home.address));
    v.insert("乙方电话", text(&home.contact_phone));
    v.insert("开始日期", text(date_text(&a.start_on)));
    v.insert("结束日期", text(date_text(&a.end_on)));
    v.insert("服务项目", Value::List(items));
    v.insert("服务方式", text(methods.join("、")));
    v.insert("建档时限", text(a.file_within_days.to_string()));
    v.insert("补充约定", text(a.note.trim()));
    v.insert(
        "变更说明",
        text(amends.map_or_else(String::new, |n| {
            format!("本协议是对第 {n} 号协议的变更，自本协议生效之日起，原协议同时终止。")
        })),
    );
    v
}

/// Placeholder values of a family-doctor contract.
pub fn contract_values(c: &Contract, org: &Institution, r: &ContractResident) -> Values {
    let items: Vec<String> = if c.package_items.is_empty() {
        vec!["国家基本公共卫生服务项目和基本医疗服务".to_owned()]
    } else {
        c.package_items
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}. {}（{} 元）", i + 1, p.name, format_yuan(p.price_cents)))
            .collect()
    };
    let categories: Vec<&str> = c.categories.iter().map(|k| category_label(*k)).collect();
    let mut v = Values::new();
    v.insert("签约编号", text(&c.number));
    v.insert("机构名称", text(&org.name));
    v.insert("机构统一社会信用代码", text(&org.credit_code));
    v.insert("机构地址", text(&org.address));
    v.insert("机构电话", text(&org.contact_phone));
    v.insert("团队名称", text(&c.team_name));
    v.insert("责任医生", text(&c.doctor_name));
    v.insert("居民姓名", text(&r.name));
    v.insert("性别", text(sex_label(r.sex)));
    v.insert("出生日期", text(date_text(&r.birth_date)));
    v.insert("身份证号", text(&r.id_number));
    v.insert("居民地址", text(&r.address));
    v.insert("居民电话", text(&r.phone));
    v.insert("人群分类", text(categories.join("、")));
    v.insert("服务包", text(package_label(c.package_kind)));
    v.insert("服务项目", Value::List(items));
    v.insert(
        "签约费用",
        text(format!("{} 元", format_yuan(c.price_cents))),
    );
    v.insert(
        "医保支付",
        text(format!("{} 元", format_yuan(c.insurance_cents))),
    );
    v.insert(
        "个人自付",
        text(format!("{} 元", format_yuan(c.self_paid_cents))),
    );
    v.insert("开始日期", text(date_text(&c.start_on)));
    v.insert("结束日期", text(date_text(&c.end_on)));
    v
}
