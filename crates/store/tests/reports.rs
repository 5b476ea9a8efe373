//! Excel export of the resident list and the indicator report, and the indicators read from a
//! real store (the figures themselves are tested by hand in `yiyang_domain::indicators`).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use calamine::{Data, Reader, Xlsx};
use common::{ctx, today};
use yiyang_protocol::{IndicatorPeriod, IndicatorUnitKind, ResidentInput};
use yiyang_store::indicator_report_xlsx;

fn sheet(bytes: Vec<u8>, n: usize) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(n).unwrap().unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn the_resident_list_exports_with_typed_columns_and_is_audited() {
    let (_dir, mut store) = common::store();
    let ctx = ctx(&store);
    store.create_resident(&ctx, &common::resident()).unwrap();
    let bytes = store.export_residents_xlsx(&ctx).unwrap();
    let rows = sheet(bytes, 0);
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        &header[..6],
        [
            "健康档案编号",
            "姓名",
            "性别",
            "出生日期",
            "年龄",
            "身份证号"
        ]
    );
    let r = &rows[1];
    assert_eq!(r[1], Data::String("张三丰".into()));
    assert!(
        matches!(r[3], Data::DateTime(_)),
        "birth date is a date cell: {:?}",
        r[3]
    );
    assert_eq!(r[4], Data::Float(76.0), "age is a number");
    // Text, in full for a role that may see it: Excel cannot turn it into 1.10105E+17.
    assert_eq!(r[5], Data::String("11010519491231002X".into()));
    let audit = store
        .list_audit(
            &yiyang_protocol::AuditQuery {
                page: 1,
                page_size: 5,
                action: Some(yiyang_protocol::AuditAction::Export),
                ..Default::default()
            },
            chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        )
        .unwrap();
    assert!(
        audit.entries[0].detail.contains("1 人"),
        "{:?}",
        audit.entries[0]
    );
}

#[test]
fn indicators_are_read_from_the_store_and_export_as_three_sheets() {
    let (_dir, mut store) = common::store();
    let ctx = ctx(&store);
    store.create_resident(&ctx, &common::resident()).unwrap();
    store
        .create_resident(
            &ctx,
            &ResidentInput {
                name: "李小红".into(),
                id_number: format!(
                    "11010519900101002{}",
                    yiyang_domain::id_number::check_char("11010519900101002").unwrap()
                ),
                address: "城南镇".into(),
                ..ResidentInput::default()
            },
        )
        .unwrap();
    let report = store
        .indicators(
            IndicatorPeriod {
                year: 2026,
                month: Some(11),
            },
            today(),
        )
        .unwrap();
    assert_eq!(
        (report.from.as_str(), report.as_of.as_str()),
        ("2026-11-01", "2026-11-22")
    );
    let clinic = &report.units[0];
    assert_eq!(clinic.kind, IndicatorUnitKind::Clinic);
    // Two residents, one aged 76, no contract and no health check yet.
    assert_eq!((clinic.residents, clinic.elderly), (2, 1));
    assert_eq!(clinic.contract_rate.percent, Some(0.0));
    assert_eq!(clinic.contract_rate.meets_target, Some(false));

    let bytes = indicator_report_xlsx(&report).unwrap();
    let book = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["主要指标", "7+3+4覆盖率", "失能等级"]
    );
    let rows = sheet(bytes, 0);
    assert_eq!(rows[0][7], Data::String("家庭医生签约率".into()));
    assert_eq!(rows[1][5], Data::Float(1.0));
    assert_eq!(
        rows[1][7],
        Data::Float(0.0),
        "a rate is a number formatted as percent"
    );
}

#[test]
fn a_bad_month_is_a_field_error() {
    let (_dir, store) = common::store();
    let err = store
        .indicators(
            IndicatorPeriod {
                year: 2026,
                month: Some(13),
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.field_issues()[0].code, "period.month");
}
