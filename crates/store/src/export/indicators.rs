//! The indicator report as a workbook: one sheet of headline figures per unit, one of 7+3+4
//! coverage, one of disability grades.
use yiyang_domain::due::rules::{grade_label, ItemRule};
use yiyang_protocol::{IndicatorReport, IndicatorUnitKind, Rate};

use super::{workbook, Column, Sheet, Value};
use crate::StoreError;

const SUMMARY: &[Column] = &[
    Column {
        header: "单位",
        width: 24.0,
    },
    Column {
        header: "类型",
        width: 10.0,
    },
    Column {
        header: "统计起",
        width: 12.0,
    },
    Column {
        header: "统计至",
        width: 12.0,
    },
    Column {
        header: "在册居民",
        width: 10.0,
    },
    Column {
        header: "65岁及以上",
        width: 11.0,
    },
    Column {
        header: "签约人数",
        width: 10.0,
    },
    Column {
        header: "家庭医生签约率",
        width: 15.0,
    },
    Column {
        header: "健康管理人数",
        width: 12.0,
    },
    Column {
        header: "健康管理率",
        width: 12.0,
    },
    Column {
        header: "目标",
        width: 8.0,
    },
    Column {
        header: "巡诊完成",
        width: 10.0,
    },
    Column {
        header: "巡诊应做",
        width: 10.0,
    },
    Column {
        header: "巡诊完成率",
        width: 12.0,
    },
    Column {
        header: "履约服务数",
        width: 11.0,
    },
    Column {
        header: "应履约服务数",
        width: 13.0,
    },
    Column {
        header: "履约率",
        width: 10.0,
    },
    Column {
        header: "生效协议",
        width: 10.0,
    },
    Column {
        header: "30天内到期协议",
        width: 15.0,
    },
];

const COVERAGE: &[Column] = &[
    Column {
        header: "单位",
        width: 24.0,
    },
    Column {
        header: "服务项目",
        width: 26.0,
    },
    Column {
        header: "已提供人数",
        width: 12.0,
    },
    Column {
        header: "协议覆盖人数",
        width: 13.0,
    },
    Column {
        header: "覆盖率",
        width: 10.0,
    },
];

const GRADES: &[Column] = &[
    Column {
        header: "单位",
        width: 24.0,
    },
    Column {
        header: "失能等级",
        width: 14.0,
    },
    Column {
        header: "人数",
        width: 8.0,
    },
];

fn pct(r: &Rate) -> Value<'static> {
    Value::Percent(r.percent.map(|p| p / 100.0))
}

fn n(v: u32) -> Value<'static> {
    Value::Number(f64::from(v))
}

/// The report as an .xlsx file.
pub fn indicator_report_xlsx(report: &IndicatorReport) -> Result<Vec<u8>, StoreError> {
    let mut summary = Vec::new();
    let mut coverage = Vec::new();
    let mut grades = Vec::new();
    for u in &report.units {
        let kind = match u.kind {
            IndicatorUnitKind::Clinic => "卫生院",
            IndicatorUnitKind::NursingHome => "养老机构",
            IndicatorUnitKind::County => "县",
        };
        summary.push(vec![
            Value::Text(&u.unit_name),
            Value::Text(kind),
            Value::Date(&report.from),
            Value::Date(&report.as_of),
            n(u.residents),
            n(u.elderly),
            n(u.contract_rate.numerator),
            pct(&u.contract_rate),
            n(u.health_management_rate.numerator),
            pct(&u.health_management_rate),
            Value::Percent(u.contract_rate.target_percent.map(|t| f64::from(t) / 100.0)),
            n(u.rounds.numerator),
            n(u.rounds.denominator),
            pct(&u.rounds),
            n(u.fulfilment.numerator),
            n(u.fulfilment.denominator),
            pct(&u.fulfilment),
            n(u.agreements_active),
            n(u.agreements_expiring),
        ]);
        for i in &u.items {
            coverage.push(vec![
                Value::Text(&u.unit_name),
                Value::Text(ItemRule::of(i.item).label),
                n(i.rate.numerator),
                n(i.rate.denominator),
                pct(&i.rate),
            ]);
        }
        for g in &u.by_disability {
            grades.push(vec![
                Value::Text(&u.unit_name),
                Value::Text(g.grade.map_or("未评估", grade_label)),
                n(g.count),
            ]);
        }
    }
    workbook(&[
        Sheet {
            name: "主要指标",
            columns: SUMMARY,
            rows: summary,
        },
        Sheet {
            name: "7+3+4覆盖率",
            columns: COVERAGE,
            rows: coverage,
        },
        Sheet {
            name: "失能等级",
            columns: GRADES,
            rows: grades,
        },
    ])
}
