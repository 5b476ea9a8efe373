//! Field-level merge of one mutation into the county's row (docs/sync-protocol.md, "Field-level
//! merge"). Pure: no database, no clock, so every rule is unit- and property-tested here.
use serde_json::{Map, Value};
use yiyang_protocol::sync::MutationOp;

pub type Fields = Map<String, Value>;

/// One field whose concurrent values differ: the county keeps `kept`, `other` waits for a person.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    pub kept: Value,
    pub other: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// The whole row after the mutation. `changed` says whether any field differs from the
    /// county row (a no-op keeps the version); `conflicts` lists the fields that kept the
    /// county's value.
    Merged {
        row: Fields,
        changed: bool,
        conflicts: Vec<FieldConflict>,
    },
    /// Nothing of the mutation can be applied.
    Rejected {
        code: &'static str,
        field: Option<String>,
        message: String,
    },
}

/// A missing field and JSON null are the same value: a laptop omits nothing it has, but a
/// county row written before a field existed simply lacks it.
fn value<'a>(m: &'a Fields, k: &str) -> &'a Value {
    m.get(k).unwrap_or(&Value::Null)
}

/// Merges `fields` (with the laptop's `prior` values) into `current` (None: the county has no
/// such row).
///
/// - a new id is inserted as sent; an update of an unknown id is rejected (`not_found`);
/// - append-only rows are written once: the same insert again is a no-op, anything else is
///   rejected (`append_only`);
/// - an update applies each field whose county value is `prior` or already the new value, and
///   conflicts on the others;
/// - an insert of an existing id is an update whose prior is the county's value: identical
///   values apply, different ones conflict (two laptops never mint the same id by chance, so
///   this is a retry after a restore or a re-registered reference row).
pub fn merge(
    current: Option<&Fields>,
    op: MutationOp,
    fields: &Fields,
    prior: &Fields,
    append_only: bool,
) -> Merge {
    let Some(current) = current else {
        return match op {
            MutationOp::Insert => Merge::Merged {
                row: fields.clone(),
                changed: true,
                conflicts: Vec::new(),
            },
            MutationOp::Update => Merge::Rejected {
                code: "not_found",
                field: None,
                message: "要修改的记录在县级服务器上不存在（它的新增可能已被拒绝）".to_owned(),
            },
        };
    };
    if append_only {
        let same = fields.iter().all(|(k, v)| value(current, k) == v);
        return match (op, same) {
            (MutationOp::Insert, true) => Merge::Merged {
                row: current.clone(),
                changed: false,
                conflicts: Vec::new(),
            },
            (MutationOp::Insert, false) => Merge::Rejected {
                code: "append_only",
                field: fields
                    .iter()
                    .find(|(k, v)| value(current, k) != *v)
                    .map(|(k, _)| k.clone()),
                message: "服务记录只能新增，不能修改；如有错误请作废或更正".to_owned(),
            },
            (MutationOp::Update, _) => Merge::Rejected {
                code: "append_only",
                field: None,
                message: "服务记录只能新增，不能修改；如有错误请作废或更正".to_owned(),
            },
        };
    }
    let mut row = current.clone();
    let mut changed = false;
    let mut conflicts = Vec::new();
    for (k, new) in fields {
        let county = value(current, k);
        if county == new {
            continue;
        }
        let unchanged_since_prior = op == MutationOp::Update && county == value(prior, k);
        // An insert of a row the county already holds (an institution the county registered
        // before the laptop did) fills what the county left blank; only a real difference is
        // for a person to decide.
        let county_blank = op == MutationOp::Insert && is_blank(county);
        if unchanged_since_prior || county_blank {
            row.insert(k.clone(), new.clone());
            changed = true;
        } else {
            conflicts.push(FieldConflict {
                field: k.clone(),
                kept: county.clone(),
                other: new.clone(),
            });
        }
    }
    Merge::Merged {
        row,
        changed,
        conflicts,
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_insert_over_a_county_row_fills_its_blanks_and_conflicts_on_differences() {
        let county = f(json!({"name": "城南镇卫生院", "address": "", "townshipCode": "001"}));
        let laptop =
            f(json!({"name": "城南镇卫生院", "address": "健康路 8 号", "townshipCode": "101"}));
        let Merge::Merged {
            row,
            changed,
            conflicts,
        } = merge(
            Some(&county),
            MutationOp::Insert,
            &laptop,
            &Fields::new(),
            false,
        )
        else {
            panic!("merged expected");
        };
        assert!(changed);
        assert_eq!(row.get("address"), Some(&json!("健康路 8 号")));
        assert_eq!(row.get("townshipCode"), Some(&json!("001")));
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "townshipCode");
    }
    use proptest::prelude::*;
    use serde_json::json;

    fn f(v: Value) -> Fields {
        match v {
            Value::Object(m) => m,
            _ => Fields::new(),
        }
    }

    #[test]
    fn new_insert_is_applied_as_sent() {
        let fields = f(json!({"name": "张三"}));
        let m = merge(None, MutationOp::Insert, &fields, &Fields::new(), false);
        assert_eq!(
            m,
            Merge::Merged {
                row: fields,
                changed: true,
                conflicts: vec![]
            }
        );
    }

    #[test]
    fn update_of_unknown_row_is_rejected() {
        let m = merge(
            None,
            MutationOp::Update,
            &f(json!({"name": "张三"})),
            &f(json!({"name": "李四"})),
            false,
        );
        assert!(matches!(
            m,
            Merge::Rejected {
                code: "not_found",
                ..
            }
        ));
    }

    #[test]
    fn update_applies_unchanged_fields_and_conflicts_on_concurrent_ones() {
        let county = f(json!({"name": "张三", "phone": "13800000001", "room": "101"}));
        let fields = f(json!({"name": "张叁", "phone": "13900000002"}));
        let prior = f(json!({"name": "张三", "phone": "13800000000"}));
        let Merge::Merged {
            row,
            changed,
            conflicts,
        } = merge(Some(&county), MutationOp::Update, &fields, &prior, false)
        else {
            panic!("merged expected");
        };
        assert!(changed);
        assert_eq!(
            row,
            f(json!({"name": "张叁", "phone": "13800000001", "room": "101"}))
        );
        assert_eq!(
            conflicts,
            vec![FieldConflict {
                field: "phone".into(),
                kept: json!("13800000001"),
                other: json!("13900000002"),
            }]
        );
    }

    #[test]
    fn same_new_value_is_not_a_conflict() {
        let county = f(json!({"phone": "2"}));
        let m = merge(
            Some(&county),
            MutationOp::Update,
            &f(json!({"phone": "2"})),
            &f(json!({"phone": "1"})),
            false,
        );
        assert_eq!(
            m,
            Merge::Merged {
                row: county,
                changed: false,
                conflicts: vec![]
            }
        );
    }

    #[test]
    fn missing_field_equals_null() {
        let county = f(json!({"name": "a"}));
        let m = merge(
            Some(&county),
            MutationOp::Update,
            &f(json!({"statusDate": "2026-01-01"})),
            &f(json!({"statusDate": null})),
            false,
        );
        let Merge::Merged { row, conflicts, .. } = m else {
            panic!("merged expected");
        };
        assert!(conflicts.is_empty());
        assert_eq!(row["statusDate"], json!("2026-01-01"));
    }

    #[test]
    fn insert_of_existing_id_conflicts_on_different_values() {
        let county = f(json!({"name": "敬老院", "address": "东街"}));
        let m = merge(
            Some(&county),
            MutationOp::Insert,
            &f(json!({"name": "敬老院", "address": "西街"})),
            &Fields::new(),
            false,
        );
        let Merge::Merged {
            row,
            changed,
            conflicts,
        } = m
        else {
            panic!("merged expected");
        };
        assert!(!changed);
        assert_eq!(row, county);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "address");
    }

    #[test]
    fn append_only_rows_are_written_once() {
        let county = f(json!({"summary": "测血压"}));
        let same = merge(
            Some(&county),
            MutationOp::Insert,
            &county,
            &Fields::new(),
            true,
        );
        assert!(matches!(same, Merge::Merged { changed: false, .. }));
        let other = merge(
            Some(&county),
            MutationOp::Insert,
            &f(json!({"summary": "测血糖"})),
            &Fields::new(),
            true,
        );
        assert!(matches!(
            other,
            Merge::Rejected {
                code: "append_only",
                ..
            }
        ));
        let update = merge(
            Some(&county),
            MutationOp::Update,
            &f(json!({"summary": "测血糖"})),
            &county,
            true,
        );
        assert!(matches!(
            update,
            Merge::Rejected {
                code: "append_only",
                ..
            }
        ));
    }

    fn small_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            (0i64..3).prop_map(Value::from),
            "[ab]{0,2}".prop_map(Value::from),
        ]
    }

    fn small_fields() -> impl Strategy<Value = Fields> {
        proptest::collection::btree_map("[xyz]", small_value(), 0..4)
            .prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        /// Every merged field ends with either the county's value or the new value; a field
        /// conflicts exactly when the county changed it concurrently to something else; fields
        /// the mutation does not name are untouched.
        #[test]
        fn update_merge_laws(county in small_fields(), fields in small_fields(), prior in small_fields()) {
            let m = merge(Some(&county), MutationOp::Update, &fields, &prior, false);
            let Merge::Merged { row, changed, conflicts } = m else {
                return Err(TestCaseError::fail("update of an existing row is never rejected"));
            };
            for (k, new) in &fields {
                let c = value(&county, k);
                let p = value(&prior, k);
                let conflicted = conflicts.iter().any(|x| &x.field == k);
                prop_assert_eq!(conflicted, c != new && c != p);
                let expected = if conflicted { c } else { new };
                prop_assert_eq!(value(&row, k), expected);
            }
            for (k, v) in &county {
                if !fields.contains_key(k) {
                    prop_assert_eq!(row.get(k), Some(v));
                }
            }
            let differs = fields.keys().any(|k| value(&row, k) != value(&county, k));
            prop_assert_eq!(changed, differs);
        }

        /// Merging the same mutation twice changes nothing the second time (a retry is harmless).
        #[test]
        fn merge_is_idempotent(county in small_fields(), fields in small_fields(), prior in small_fields()) {
            if let Merge::Merged { row, .. } = merge(Some(&county), MutationOp::Update, &fields, &prior, false) {
                let again = merge(Some(&row), MutationOp::Update, &fields, &prior, false);
                let Merge::Merged { row: row2, changed, .. } = again else {
                    return Err(TestCaseError::fail("rejected"));
                };
                prop_assert!(!changed);
                prop_assert_eq!(row2, row);
            }
        }
    }
}
