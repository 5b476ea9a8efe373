use yiyang_protocol::DocumentKind;

use super::*;
use crate::Coded;

fn values() -> Values {
    let mut v = Values::new();
    v.insert("协议编号", Value::Text("XY2026-001".into()));
    v.insert("甲方名称", Value::Text("𠮷祥镇中心卫生院".into()));
    v.insert("开始日期", Value::Text("2026年12月1日".into()));
    v.insert("结束日期", Value::Text("2027年11月30日".into()));
    v.insert(
        "服务项目",
        Value::List(vec![
            "1. 定期巡诊：每周一次".into(),
            "2. 健康体检：每年一次".into(),
        ]),
    );
    v.insert("补充约定", Value::Text(String::new()));
    v.insert("变更说明", Value::Text(String::new()));
    v
}

#[test]
fn builtin_templates_are_valid() {
    for kind in [
        DocumentKind::CooperationAgreement,
        DocumentKind::FamilyDoctorContract,
    ] {
        let t = builtin(kind);
        assert_eq!((t.kind, t.version), (kind, 1));
        assert!(t.check().is_ok());
    }
}

#[test]
fn the_cooperation_agreement_covers_what_the_domain_requires() {
    let t = builtin(DocumentKind::CooperationAgreement);
    let titles: Vec<&str> = t.clauses.iter().map(|c| c.title.as_str()).collect();
    for needed in [
        "合作期限",
        "服务内容",
        "服务方式",
        "服务费用",
        "甲方的权利和义务",
        "乙方的权利和义务",
        "信息安全与保密",
        "责任划分",
        "协议的变更和终止",
        "争议解决",
    ] {
        assert!(titles.contains(&needed), "{needed} missing from {titles:?}");
    }
    let labels: Vec<&str> = t.parties[0]
        .lines
        .iter()
        .map(|l| l.label.as_str())
        .collect();
    assert!(labels.contains(&"统一社会信用代码"));
    assert!(labels.contains(&"医疗机构执业许可证登记号"));
}

#[test]
fn filling_expands_lists_drops_empty_optional_paragraphs_and_shows_missing_values() {
    let t = builtin(DocumentKind::CooperationAgreement);
    let doc = fill(&t, &values());
    let content = doc
        .clauses
        .iter()
        .find(|c| c.title == "服务内容")
        .map(|c| &c.paragraphs);
    let content = content.cloned().unwrap_or_default();
    assert!(content.contains(&"1. 定期巡诊：每周一次".to_owned()));
    assert!(content.contains(&"2. 健康体检：每年一次".to_owned()));
    // No 补充约定: the clause 其他约定 has nothing left and is not printed; no 变更说明 either.
    assert!(doc.clauses.iter().all(|c| c.title != "其他约定"));
    assert_eq!(doc.preamble.len(), 1);
    let term = &doc.clauses[0].paragraphs[0];
    assert!(
        term.contains("自2026年12月1日起至2027年11月30日止"),
        "{term}"
    );
    // A value the caller did not give stays visible on the preview.
    let lines = &doc.parties[0].lines;
    assert!(lines.contains(&("名称".into(), "𠮷祥镇中心卫生院".into())));
    assert!(lines.contains(&("联系电话".into(), "（未填写：甲方电话）".into())));
}

#[test]
fn bad_templates_are_refused_with_the_reason() {
    let good =
        serde_json::to_value(builtin(DocumentKind::CooperationAgreement)).unwrap_or_default();
    let with = |path: &[&str], value: serde_json::Value| {
        let mut v = good.clone();
        let mut at = &mut v;
        for p in path {
            at = match p.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*p],
            };
        }
        *at = value;
        v.to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        ("不是 JSON".into(), "template.format"),
        (with(&["version"], 0.into()), "template.version"),
        (with(&["title"], "".into()), "template.empty"),
        (with(&["clauses"], serde_json::json!([])), "template.empty"),
        (
            with(
                &["clauses", "0", "paragraphs", "0"],
                "自{签约日期}起".into(),
            ),
            "template.unknown_placeholder",
        ),
        (
            with(&["clauses", "0", "paragraphs", "0"], "自{开始日期起".into()),
            "template.braces",
        ),
        (
            with(
                &["clauses", "0", "paragraphs", "0"],
                "项目：{服务项目}".into(),
            ),
            "template.list_inline",
        ),
        (
            with(
                &["signatories"],
                serde_json::json!([{"role": "甲方", "nameLabel": "代表人"}]),
            ),
            "template.signatories",
        ),
        (with(&["kind"], "lease".into()), "template.format"),
        (with(&["extra"], 1.into()), "template.format"),
    ];
    for (json, code) in cases {
        let err = parse_template(&json)
            .err()
            .map(|e| (e.code(), e.to_string()));
        assert_eq!(err.as_ref().map(|e| e.0), Some(code), "{json:.80}");
    }
    let err = parse_template(&with(&["title"], "{签约日期}".into())).err();
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("{签约日期}") && message.contains("{协议编号}"),
        "{message}"
    );
}

#[test]
fn placeholders_are_found_in_order() {
    assert_eq!(
        placeholders_of("自{开始日期}至{结束日期}"),
        Ok(vec!["开始日期", "结束日期"])
    );
    assert_eq!(placeholders_of("无"), Ok(vec![]));
    assert!(placeholders_of("}{").is_err());
    assert!(placeholders_of("{a{b}}").is_err());
}
