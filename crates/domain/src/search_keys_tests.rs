//! Tests of the name keys, sort keys and query classification.
use pinyin::ToPinyinMulti;
use proptest::prelude::*;

use super::*;

/// (name, initials, full) — every key, in order.
const KEYS: &[(&str, &[&str], &[&str])] = &[
    ("张三", &["zs"], &["zhangsan"]),
    ("  张 三 ", &["zs"], &["zhangsan"]),
    ("曾国藩", &["zgf", "cgf"], &["zengguofan", "cengguofan"]),
    ("李曾", &["lc", "lz"], &["liceng", "lizeng"]), // not a surname here: ceng stays primary
    (
        "单雄信",
        &["sxx", "dxx", "cxx", "sxs", "dxs", "cxs"],
        &[
            "shanxiongxin",
            "danxiongxin",
            "chanxiongxin",
            "shanxiongshen",
            "danxiongshen",
            "chanxiongshen",
        ],
    ),
    ("解缙", &["xj", "jj"], &["xiejin", "jiejin"]),
    ("吕", &["l"], &["lv"]),
    ("John Smith", &["js"], &["johnsmith"]),
    ("Ａｎｎａ李", &["al"], &["annali"]),
    ("𠮷三", &["s"], &["san"]), // 𠮷 has no pinyin data: skipped
    ("王𪚥", &["wz", "yz"], &["wangzhe", "yuzhe"]), // 王 also reads yù
    ("Иван 李", &["l"], &["li"]), // non-ASCII letters are not keys
    ("", &[], &[]),
    ("·", &[], &[]),
    ("𠮷", &[], &[]),
];

#[test]
fn name_keys_table() {
    for (name, initials, full) in KEYS {
        let keys = name_keys(name);
        assert_eq!(keys.initials, *initials, "{name}");
        assert_eq!(keys.full, *full, "{name}");
    }
}

#[test]
fn minority_names_keep_primary_readings_first_and_are_capped() {
    let keys = name_keys("阿依古丽·买买提");
    assert_eq!(keys.full[0], "ayigulimaimaiti");
    assert_eq!(keys.initials[0], "ayglmmt");
    assert_eq!(keys.full.len(), MAX_COMBINATIONS);
    assert!(keys.initials.len() <= MAX_COMBINATIONS);
    // Many heteronyms: the product is far larger than the cap.
    let keys = name_keys("那阿单曾解查");
    assert_eq!(keys.full.len(), MAX_COMBINATIONS);
    assert_eq!(keys.full[0], "naadancengjiecha");
    // The first alternatives are single changes, earliest character first.
    assert_eq!(keys.full[1], "nuoadancengjiecha");
}

#[test]
fn surname_table_readings_exist() {
    for (c, reading) in SURNAME_READINGS {
        let multi = c.to_pinyin_multi().unwrap();
        assert!(
            multi.into_iter().any(|p| p.plain() == *reading),
            "{c} has no reading {reading}"
        );
        assert_eq!(syllables(&c.to_string())[0], *reading, "{c}");
    }
}

const SORT: &[(&str, &str)] = &[
    ("张三", "zhang san"),
    ("曾国藩", "zeng guo fan"),
    ("单雄信", "shan xiong xin"),
    ("吕布", "lv bu"),
    ("阿依古丽·买买提", "a yi gu li mai mai ti"),
    ("John Smith", "john smith"),
    ("𠮷野家", "𠮷 ye jia"),
    ("Иван 李", "иван li"),
    ("", ""),
];

#[test]
fn sort_keys_table() {
    for (name, key) in SORT {
        assert_eq!(sort_key(name), *key, "{name}");
    }
}

#[test]
fn sort_keys_order_names_by_pinyin() {
    let mut names = vec![
        "张三",
        "连",
        "李明",
        "曾国藩",
        "阿依古丽·买买提",
        "单雄信",
        "丁一",
    ];
    names.sort_by_key(|n| sort_key(n));
    assert_eq!(
        names,
        [
            "阿依古丽·买买提",
            "丁一",
            "李明",
            "连",
            "单雄信",
            "曾国藩",
            "张三"
        ]
    );
}

#[derive(Debug, PartialEq, Eq)]
enum Kind {
    D(&'static str),
    L(&'static str),
    H(&'static str),
    M(&'static str),
    None,
}

const QUERIES: &[(&str, Kind)] = &[
    ("", Kind::None),
    (" \u{3000} ", Kind::None),
    ("002x", Kind::D("002X")),
    ("11010519491231002x", Kind::D("11010519491231002X")),
    ("１３８", Kind::D("138")),
    (" 138 1234 ", Kind::D("1381234")),
    ("0571-8888", Kind::D("05718888")),
    ("x", Kind::L("x")),
    ("ZS", Kind::L("zs")),
    ("zhang san", Kind::L("zhangsan")),
    ("ｚｓ", Kind::L("zs")),
    ("张三", Kind::H("张三")),
    (" 阿依古丽·买买提 ", Kind::H("阿依古丽·买买提")),
    ("𠮷", Kind::H("𠮷")),
    ("张s", Kind::M("张s")),
    ("12ab", Kind::M("12ab")),
    ("x12", Kind::M("x12")),
    ("1x2", Kind::M("1x2")),
    ("·", Kind::M("·")),
];

#[test]
fn query_classification() {
    for (raw, expect) in QUERIES {
        let got = match classify_query(raw) {
            None => Kind::None,
            Some(SearchQuery::Digits(s)) => Kind::D(s.leak()),
            Some(SearchQuery::Latin(s)) => Kind::L(s.leak()),
            Some(SearchQuery::Han(s)) => Kind::H(s.leak()),
            Some(SearchQuery::Mixed(s)) => Kind::M(s.leak()),
        };
        assert_eq!(got, *expect, "{raw:?}");
    }
}

/// Common name characters, heteronyms included. (Rare characters may lack pinyin data: see 𠮷.)
const COMMON: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭',
    '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '曾', '单', '解', '查', '乐', '长', '华',
    '秀', '英', '芳', '明', '强', '军', '国', '平', '红', '兰', '桂', '珍', '淑', '德', '福', '寿',
    '阿', '依', '古', '丽', '买', '提', '吕', '绿', '女', '〇', '行', '重', '朝', '和', '藏', '贾',
];

proptest! {
    #[test]
    fn keys_are_lower_ascii_and_capped(name in "\\PC{0,12}") {
        let keys = name_keys(&name);
        prop_assert!(keys.full.len() <= MAX_COMBINATIONS);
        prop_assert!(keys.initials.len() <= keys.full.len());
        for key in keys.full.iter().chain(&keys.initials) {
            prop_assert!(!key.is_empty());
            prop_assert!(!key.chars().any(|c| c.is_uppercase() || c.is_whitespace()), "{:?}", key);
        }
        let _ = sort_key(&name);
        let _ = classify_query(&name);
    }

    #[test]
    fn han_names_give_ascii_keys(chars in proptest::collection::vec(proptest::sample::select(COMMON), 1..6)) {
        let name: String = chars.into_iter().collect();
        let keys = name_keys(&name);
        prop_assert!(!keys.full.is_empty());
        for key in keys.full.iter().chain(&keys.initials) {
            prop_assert!(key.bytes().all(|b| b.is_ascii_lowercase()), "{:?}", key);
        }
        prop_assert_eq!(keys.initials[0].chars().count(), name.chars().count());
        prop_assert_eq!(keys.full[0].clone(), sort_key(&name).replace(' ', ""));
    }
}
