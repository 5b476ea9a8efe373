//! One small county, every figure worked out by hand in the comments and written as a literal.
use chrono::NaiveDate;
use yiyang_protocol::{
    DisabilityGrade as G, Frequency, FrequencyUnit, IndicatorPeriod, ServiceItem as I,
};

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn person(
    id: &str,
    home: Option<&str>,
    birth: &str,
    since: &str,
    left: Option<&str>,
    g: Option<G>,
) -> Person {
    Person {
        id: id.into(),
        home: home.map(Into::into),
        birth: d(birth),
        since: d(since),
        left_on: left.map(d),
        disability: g,
    }
}

fn contract(
    r: &str,
    start: &str,
    end: &str,
    signed: Option<&str>,
    terminated: Option<&str>,
) -> ContractSpan {
    ContractSpan {
        resident: r.into(),
        start: d(start),
        end: d(end),
        signed_on: signed.map(d),
        terminated_on: terminated.map(d),
    }
}

fn s(r: &str, item: I, on: &str) -> Service {
    Service {
        resident: r.into(),
        item,
        on: d(on),
    }
}

/// A, B, E live in 城南敬老院 (H1, agreement with weekly rounds, ending 2026-12-15);
/// C in 康乐养老院 (H2, no agreement); D at home. E died on 2026-10-01.
fn facts() -> Facts {
    Facts {
        persons: vec![
            person(
                "A",
                Some("H1"),
                "1950-01-01",
                "2025-01-01",
                None,
                Some(G::Moderate),
            ),
            person(
                "B",
                Some("H1"),
                "1970-05-05",
                "2026-11-01",
                None,
                Some(G::Mild),
            ),
            person("C", Some("H2"), "1940-02-02", "2020-01-01", None, None),
            person("D", None, "1955-11-23", "2024-01-01", None, None),
            person(
                "E",
                Some("H1"),
                "1945-01-01",
                "2020-01-01",
                Some("2026-10-01"),
                Some(G::Severe),
            ),
        ],
        contracts: vec![
            contract("A", "2026-01-01", "2026-12-31", Some("2025-12-28"), None),
            contract(
                "C",
                "2026-01-01",
                "2026-12-31",
                Some("2025-12-28"),
                Some("2026-06-01"),
            ),
            contract("D", "2026-11-01", "2027-10-31", None, None),
            contract("E", "2025-10-01", "2026-09-30", Some("2025-09-20"), None),
        ],
        agreements: vec![AgreementSpan {
            home: "H1".into(),
            start: d("2026-01-01"),
            end: d("2026-12-15"),
            activated: true,
            terminated_on: None,
            rounds: Some(Some(Frequency {
                every: 1,
                unit: FrequencyUnit::Week,
            })),
        }],
        services: vec![
            s("A", I::G3, "2026-03-01"),
            s("A", I::G4, "2026-03-02"),
            s("A", I::S1, "2025-12-01"),
            s("A", I::S1, "2026-11-02"),
            s("A", I::S1, "2026-11-09"),
            s("A", I::S1, "2026-11-16"),
            s("B", I::S1, "2026-11-10"),
            s("C", I::G3, "2025-10-10"),
            s("C", I::G6, "2026-02-01"),
            s("D", I::G3, "2026-11-22"),
            s("E", I::G3, "2025-11-01"),
            s("E", I::G7, "2026-02-01"),
        ],
    }
}

fn homes() -> Vec<(String, String)> {
    vec![
        ("H1".into(), "城南敬老院".into()),
        ("H2".into(), "康乐养老院".into()),
    ]
}

fn run(month: Option<u32>) -> Vec<UnitIndicators> {
    let (_, _, units) = compute(
        &facts(),
        ("K", "城南镇卫生院"),
        &homes(),
        IndicatorPeriod { year: 2026, month },
        d("2026-11-22"),
    )
    .unwrap();
    units
}

fn r(rate: &Rate) -> (u32, u32, Option<f64>) {
    (rate.numerator, rate.denominator, rate.percent)
}

fn item(u: &UnitIndicators, i: I) -> (u32, u32) {
    let x = u.items.iter().find(|x| x.item == i).unwrap();
    (x.rate.numerator, x.rate.denominator)
}

fn grades(u: &UnitIndicators) -> Vec<u32> {
    u.by_disability.iter().map(|g| g.count).collect()
}

#[test]
fn the_year_2026_as_of_22_november_matches_the_hand_computed_table() {
    let units = run(None);
    let [clinic, h1, h2] = units.as_slice() else {
        panic!("{units:?}")
    };

    // Counted: A B C D (E died before the evaluation day). Elderly (≥ 65 on 2026-11-22):
    // A 76, C 86, D 70 (birthday on 11-23 not reached); B is 56.
    assert_eq!((clinic.residents, clinic.elderly), (4, 3));
    // In force on 11-22: A only (C terminated 06-01, D never signed).
    assert_eq!(r(&clinic.contract_rate), (1, 3, Some(33.3)));
    assert_eq!(clinic.contract_rate.target_percent, Some(70));
    assert_eq!(clinic.contract_rate.meets_target, Some(false));
    // G3 from 01-01 to 11-22: A (03-01), D (11-22); C's was in 2025.
    assert_eq!(r(&clinic.health_management_rate), (2, 3, Some(66.7)));
    // Under the H1 agreement: A, B. A has G3, G4, S1; B has S1.
    assert_eq!(item(clinic, I::G3), (1, 2));
    assert_eq!(item(clinic, I::G4), (1, 2));
    assert_eq!(item(clinic, I::S1), (2, 2));
    assert_eq!(item(clinic, I::G7), (0, 2));
    // Rounds: A from 01-01, 326 days → ⌈326/7⌉ = 47 due, 3 done (12-01 is 2025);
    // B from 11-01 (file created), 22 days → 4 due, 1 done. 4 / 51.
    assert_eq!(r(&clinic.rounds), (4, 51, Some(7.8)));
    // 履约率, 4 promised per contract: A G3+G4 = 2; C (until 05-31) G6 = 1; E (2025-10-01 to
    // 2026-09-30) G3+G7 = 2; D unsigned. 5 / 12.
    assert_eq!(r(&clinic.fulfilment), (5, 12, Some(41.7)));
    // The H1 agreement ends 12-15: 23 days away.
    assert_eq!(
        (clinic.agreements_active, clinic.agreements_expiring),
        (1, 1)
    );
    // 完好, 轻度, 中度, 重度, 完全丧失, 未评估: B mild, A moderate, C and D never assessed.
    assert_eq!(grades(clinic), vec![0, 1, 1, 0, 0, 2]);

    assert_eq!(h1.unit_name, "城南敬老院");
    assert_eq!((h1.residents, h1.elderly), (2, 1));
    assert_eq!(r(&h1.contract_rate), (1, 1, Some(100.0)));
    assert_eq!(h1.contract_rate.meets_target, Some(true));
    assert_eq!(r(&h1.health_management_rate), (1, 1, Some(100.0)));
    assert_eq!(r(&h1.rounds), (4, 51, Some(7.8)));
    // A 2 of 4, E 2 of 4.
    assert_eq!(r(&h1.fulfilment), (4, 8, Some(50.0)));
    assert_eq!(grades(h1), vec![0, 1, 1, 0, 0, 0]);

    assert_eq!((h2.residents, h2.elderly), (1, 1));
    assert_eq!(r(&h2.contract_rate), (0, 1, Some(0.0)));
    assert_eq!(item(h2, I::G3), (0, 0));
    assert_eq!(
        h2.items[0].rate.percent, None,
        "no agreement: no coverage figure"
    );
    assert_eq!(r(&h2.rounds), (0, 0, None));
    assert_eq!(r(&h2.fulfilment), (1, 4, Some(25.0)));
    assert_eq!((h2.agreements_active, h2.agreements_expiring), (0, 0));
}

#[test]
fn november_2026_matches_the_hand_computed_table() {
    let units = run(Some(11));
    let clinic = &units[0];
    // Health management is the year to date: unchanged.
    assert_eq!(r(&clinic.health_management_rate), (2, 3, Some(66.7)));
    // Only November's entries: no G3 under the agreement, S1 for both.
    assert_eq!(item(clinic, I::G3), (0, 2));
    assert_eq!(item(clinic, I::S1), (2, 2));
    // A and B both from 11-01: 22 days → 4 due each; A did 3, B 1.
    assert_eq!(r(&clinic.rounds), (4, 8, Some(50.0)));
    // Only A's contract runs in November (C's ended 05-31, E's 09-30): 2 of 4.
    assert_eq!(r(&clinic.fulfilment), (2, 4, Some(50.0)));
}

#[test]
fn a_past_month_is_evaluated_on_its_last_day() {
    let (from, as_of, units) = compute(
        &facts(),
        ("K", "城南镇卫生院"),
        &homes(),
        IndicatorPeriod {
            year: 2026,
            month: Some(9),
        },
        d("2026-11-22"),
    )
    .unwrap();
    assert_eq!((from, as_of), (d("2026-09-01"), d("2026-09-30")));
    // E is still counted on 09-30 (died 10-01); A and E under the agreement (B came in November).
    assert_eq!(units[0].residents, 4);
    assert_eq!(item(&units[0], I::G3), (0, 2));
    assert!(compute(
        &facts(),
        ("K", ""),
        &[],
        IndicatorPeriod {
            year: 2026,
            month: Some(13)
        },
        d("2026-11-22")
    )
    .is_none());
}

#[test]
fn a_total_sums_numerators_and_denominators_and_recomputes_the_rates() {
    let units = run(None);
    let (clinic, h1, h2) = (&units[0], &units[1], &units[2]);
    // Twice the clinic: every count doubles, every percentage stays.
    let twice = total(
        "K2",
        "两个卫生院",
        IndicatorUnitKind::County,
        [clinic, clinic],
    );
    assert_eq!(twice.kind, IndicatorUnitKind::County);
    assert_eq!(
        (twice.residents, twice.elderly),
        (2 * clinic.residents, 2 * clinic.elderly)
    );
    for (a, b) in [
        (&twice.contract_rate, &clinic.contract_rate),
        (
            &twice.health_management_rate,
            &clinic.health_management_rate,
        ),
        (&twice.rounds, &clinic.rounds),
        (&twice.fulfilment, &clinic.fulfilment),
    ] {
        assert_eq!(
            (
                a.numerator,
                a.denominator,
                a.percent,
                a.target_percent,
                a.meets_target
            ),
            (
                2 * b.numerator,
                2 * b.denominator,
                b.percent,
                b.target_percent,
                b.meets_target
            )
        );
    }
    for i in I::ALL {
        let (n, d) = item(clinic, i);
        assert_eq!(item(&twice, i), (2 * n, 2 * d), "{i:?}");
    }
    assert_eq!(
        grades(&twice),
        grades(clinic).iter().map(|g| 2 * g).collect::<Vec<_>>()
    );
    assert_eq!(
        (twice.agreements_active, twice.agreements_expiring),
        (2 * clinic.agreements_active, 2 * clinic.agreements_expiring)
    );
    // The homes' agreements add up to the clinic's; an empty total is all zeros, no percent.
    let homes = total("H", "", IndicatorUnitKind::NursingHome, [h1, h2]);
    assert_eq!(homes.agreements_active, clinic.agreements_active);
    let none = total("Z", "", IndicatorUnitKind::County, []);
    assert_eq!((none.residents, none.contract_rate.percent), (0, None));
    assert_eq!(none.items.len(), I::ALL.len());
}

#[test]
fn stored_rows_become_facts_the_same_way_on_laptop_and_county() {
    // Dates and instants are both stored as ISO text.
    assert_eq!(stored_date("2026-03-04"), Some(d("2026-03-04")));
    assert_eq!(
        stored_date("2026-03-04T23:10:00.000Z"),
        Some(d("2026-03-04"))
    );
    assert_eq!(stored_date("2026-3-4"), None);
    // Only a closed file leaves the count, on its status date.
    assert_eq!(
        left_on("deceased", Some("2026-05-01")),
        Some(d("2026-05-01"))
    );
    assert_eq!(left_on("moved", Some("2026-05-01")), Some(d("2026-05-01")));
    assert_eq!(left_on("active", Some("2026-05-01")), None);
    assert_eq!(left_on("deceased", None), None);
    // Rounds only when S1 is agreed; its frequency as agreed.
    let weekly = Frequency {
        every: 2,
        unit: FrequencyUnit::Week,
    };
    let items = [
        yiyang_protocol::AgreementItem {
            item: I::G3,
            frequency: None,
        },
        yiyang_protocol::AgreementItem {
            item: I::S1,
            frequency: Some(weekly),
        },
    ];
    let a = AgreementSpan::signed("h".into(), d("2026-01-01"), d("2026-12-31"), None, &items);
    assert!(a.activated);
    assert_eq!(a.rounds, Some(Some(weekly)));
    let b = AgreementSpan::signed(
        "h".into(),
        d("2026-01-01"),
        d("2026-12-31"),
        None,
        &items[..1],
    );
    assert_eq!(b.rounds, None);
    // Entries are read from the year's start, a month's start, or an earlier contract start.
    assert_eq!(
        services_since(None, d("2026-06-01"), d("2026-06-30")),
        d("2026-01-01")
    );
    assert_eq!(
        services_since(Some(d("2025-03-01")), d("2026-06-01"), d("2026-06-30")),
        d("2025-03-01")
    );
    assert_eq!(
        services_since(Some(d("2026-03-01")), d("2026-01-01"), d("2026-12-31")),
        d("2026-01-01")
    );
}
