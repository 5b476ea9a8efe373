//! The one search box, on a real data file with generated residents around the ones we look for.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{ctx, store, today};
use yiyang_protocol::*;
use yiyang_store::Store;

/// (name, 身份证号, phone) of the residents every test looks for.
const PEOPLE: &[(&str, &str, &str)] = &[
    ("张三", "11010519491231002X", "13812345678"),
    ("张三丰", "440524188001015368", "13900001111"),
    ("曾国藩", "330122195001011231", "0571-64201234"),
    ("𠮷野", "33012219500101124X", ""),
    ("阿依古丽·买买提", "110105195001011234", ""),
];

fn seeded() -> (tempfile::TempDir, Store) {
    let (d, mut s) = store();
    let c = ctx(&s);
    yiyang_store::demo::seed_residents(&mut s, &c, 300, 11).unwrap();
    for (name, id, phone) in PEOPLE {
        let input = ResidentInput {
            name: (*name).into(),
            id_number: (*id).into(),
            phone: (*phone).into(),
            address: "城南镇".into(),
            ..ResidentInput::default()
        };
        s.create_resident(&c, &input).unwrap();
    }
    (d, s)
}

fn search(s: &Store, text: &str) -> Vec<SearchHit> {
    s.search_residents(
        &SearchQuery {
            text: text.into(),
            limit: 20,
        },
        today(),
    )
    .unwrap()
}

fn names(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.resident.name.as_str()).collect()
}

#[test]
fn every_kind_of_query_finds_its_resident_first_or_among_the_hits() {
    let (_d, s) = seeded();
    // (query, expected name, must be first, how it matched)
    let cases: &[(&str, &str, bool, MatchKind)] = &[
        ("张三", "张三", true, MatchKind::Name),
        ("张三丰", "张三丰", true, MatchKind::Name),
        ("三丰", "张三丰", false, MatchKind::Name),
        ("张", "张三", false, MatchKind::Name),
        ("zs", "张三", false, MatchKind::PinyinInitials),
        ("zsf", "张三丰", true, MatchKind::PinyinInitials),
        ("ZSF", "张三丰", true, MatchKind::PinyinInitials),
        ("zhangsanfeng", "张三丰", true, MatchKind::Pinyin),
        ("sanfeng", "张三丰", false, MatchKind::Pinyin),
        ("zgf", "曾国藩", true, MatchKind::PinyinInitials),
        ("cgf", "曾国藩", true, MatchKind::PinyinInitials),
        ("1231002X", "张三", true, MatchKind::IdNumber),
        ("1231002x", "张三", true, MatchKind::IdNumber),
        ("19491231", "张三", true, MatchKind::IdNumber),
        ("11010519491231", "张三", true, MatchKind::IdNumber),
        ("002X", "张三", false, MatchKind::IdNumber),
        ("440524188001015368", "张三丰", true, MatchKind::IdNumber),
        ("13812345678", "张三", true, MatchKind::Phone),
        ("2345678", "张三", false, MatchKind::Phone),
        ("138123", "张三", false, MatchKind::Phone),
        ("64201234", "曾国藩", false, MatchKind::Phone),
        ("0571-64201234", "曾国藩", true, MatchKind::Phone),
        ("𠮷", "𠮷野", false, MatchKind::Name),
        ("𠮷野", "𠮷野", true, MatchKind::Name),
        ("阿依古丽", "阿依古丽·买买提", true, MatchKind::Name),
        ("阿依古丽·买买提", "阿依古丽·买买提", true, MatchKind::Name),
        ("买买提", "阿依古丽·买买提", false, MatchKind::Name),
    ];
    for (query, name, first, kind) in cases {
        let hits = search(&s, query);
        let found = hits.iter().find(|h| h.resident.name == *name);
        let Some(hit) = found else {
            panic!("{query:?} did not find {name}; got {:?}", names(&hits));
        };
        assert_eq!(hit.matched_by, *kind, "{query:?} → {name}");
        if *first {
            assert_eq!(
                hits[0].resident.name,
                *name,
                "{query:?} ranks {name} first: {:?}",
                names(&hits)
            );
        }
    }
}

#[test]
fn exact_names_rank_before_longer_ones() {
    let (_d, s) = seeded();
    let hits = search(&s, "张三");
    assert_eq!(hits[0].resident.name, "张三");
    let pos = |n: &str| hits.iter().position(|h| h.resident.name == n).unwrap();
    assert!(pos("张三") < pos("张三丰"));
}

#[test]
fn one_character_queries_find_names_containing_it() {
    let (_d, s) = seeded();
    let hits = search(&s, "丰");
    assert!(names(&hits).contains(&"张三丰"), "{:?}", names(&hits));
    assert!(hits.iter().all(|h| h.resident.name.contains('丰')));
}

#[test]
fn nonsense_and_empty_queries_find_nothing_and_do_not_fail() {
    let (_d, s) = seeded();
    for q in [
        "",
        "   ",
        "qqqqxz",
        "\"",
        "*",
        "AND OR NOT",
        "99999999999999999999",
        "张\"三",
    ] {
        let hits = search(&s, q);
        assert!(hits.iter().all(|h| !h.resident.name.is_empty()), "{q:?}");
        if q.trim().is_empty() {
            assert!(hits.is_empty());
        }
    }
    assert!(search(&s, "qqqqxz").is_empty());
}

#[test]
fn edits_are_searchable_at_once_and_old_values_are_not() {
    let (_d, mut s) = seeded();
    let hit = search(&s, "张三丰").remove(0);
    let r = s
        .get_resident(&hit.resident.id, common::now(), today())
        .unwrap();
    let input = ResidentInput {
        name: "张四丰".into(),
        id_number: r.id_number.clone(),
        phone: "13700002222".into(),
        address: r.address.clone(),
        ..ResidentInput::default()
    };
    s.update_resident(
        &ctx(&s),
        &UpdateResident {
            id: r.id.clone(),
            base_version: r.version,
            input,
        },
    )
    .unwrap();
    assert!(names(&search(&s, "zsf")).contains(&"张四丰"));
    assert!(!names(&search(&s, "三丰")).contains(&"张三丰"));
    assert_eq!(search(&s, "13700002222")[0].resident.id, r.id);
    assert!(search(&s, "13900001111").is_empty());
}

#[test]
fn hits_show_numbers_masked_but_are_found_by_the_full_number() {
    let (_d, s) = seeded();
    let hit = search(&s, "11010519491231002X").remove(0);
    assert_eq!(hit.resident.name, "张三");
    assert_eq!(hit.matched_by, MatchKind::IdNumber);
    assert_eq!(hit.resident.id_number, "1101**********002X");
    assert_eq!(hit.resident.phone, "138****5678");
    let by_phone = search(&s, "13812345678").remove(0);
    assert_eq!(by_phone.resident.id, hit.resident.id);
    assert_eq!(by_phone.matched_by, MatchKind::Phone);
    // Every hit, whatever matched it, hides the middle digits.
    for q in ["张", "zs", "1949", "138"] {
        for h in search(&s, q) {
            assert!(h.resident.id_number.contains("**********"), "{q}: {h:?}");
            assert!(
                h.resident.phone.is_empty() || h.resident.phone.contains("****"),
                "{q}: {h:?}"
            );
        }
    }
}
