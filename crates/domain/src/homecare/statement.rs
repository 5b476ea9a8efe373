//! The 长护险 monthly statement of one person: every delivery of the month summed by service,
//! what 长护险 pays (never more than the cap) and, flagged, what it does not.
use chrono::{Datelike, NaiveDate};
use yiyang_protocol::{HomeService, LtcEligibility, MonthlyStatement, Payer, StatementLine};

use super::rules::LtcRule;
use crate::money::format_yuan;
use crate::text::parse_iso_date;

/// A logged delivery still in force (not superseded, not voided).
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    pub on: NaiveDate,
    pub service: &'a HomeService,
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// `YYYY-MM`.
    pub fn parse(raw: &str) -> Option<Month> {
        let (y, m) = raw.trim().split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let next = if self.month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

fn covered(eligibility: &LtcEligibility, on: NaiveDate) -> bool {
    match eligibility {
        LtcEligibility::Eligible { from, until, .. } => {
            parse_iso_date(from).is_some_and(|f| f <= on)
                && parse_iso_date(until).is_some_and(|u| on <= u)
        }
        _ => false,
    }
}

/// The statement of `month`. `deliveries` may hold other months' entries; they are left out.
/// `eligibility` is the person's standing at the end of the month: a delivery charged to 长护险
/// on a day outside the eligible period is not paid and is flagged.
pub fn monthly_statement(
    resident_id: &str,
    month: Month,
    deliveries: &[Delivery<'_>],
    eligibility: LtcEligibility,
    rule: &LtcRule,
) -> MonthlyStatement {
    let mut lines: Vec<StatementLine> = Vec::new();
    let (mut charged, mut covered_cents, mut government, mut self_paid) = (0i64, 0i64, 0i64, 0i64);
    let in_month = deliveries
        .iter()
        .filter(|d| d.on >= month.first_day() && d.on <= month.last_day());
    for d in in_month {
        let s = d.service;
        match s.payer {
            Payer::LongTermCare => {
                charged += s.amount_cents;
                if covered(&eligibility, d.on) {
                    covered_cents += s.amount_cents;
                }
            }
            Payer::Government => government += s.amount_cents,
            Payer::SelfPaid => self_paid += s.amount_cents,
        }
        match lines
            .iter_mut()
            .find(|l| l.service == s.service && l.payer == s.payer && l.unit == s.unit)
        {
            Some(line) => {
                line.deliveries += 1;
                line.quantity_centi += s.quantity_centi;
                line.amount_cents += s.amount_cents;
            }
            None => lines.push(StatementLine {
                service: s.service.clone(),
                service_name: s.service_name.clone(),
                unit: s.unit,
                payer: s.payer,
                deliveries: 1,
                quantity_centi: s.quantity_centi,
                amount_cents: s.amount_cents,
            }),
        }
    }
    let cap = rule.monthly_cap_cents;
    let paid = covered_cents.min(cap);
    let mut flags = Vec::new();
    if covered_cents > cap {
        flags.push(format!(
            "本月长护险服务 ¥{} 超过月度限额 ¥{}，超出的 ¥{} 长护险不予支付",
            format_yuan(covered_cents),
            format_yuan(cap),
            format_yuan(covered_cents - cap)
        ));
    }
    if charged > covered_cents {
        let why = match &eligibility {
            LtcEligibility::Eligible { from, until, .. } => {
                format!("不在长护险待遇期（{from} 至 {until}）内")
            }
            other => super::rules::eligibility_text(other, rule),
        };
        flags.push(format!(
            "¥{} 的长护险服务{why}，长护险不予支付",
            format_yuan(charged - covered_cents)
        ));
    }
    MonthlyStatement {
        resident_id: resident_id.to_owned(),
        month: month.to_string(),
        eligibility,
        lines,
        ltc_charged_cents: charged,
        ltc_cap_cents: cap,
        ltc_paid_cents: paid,
        ltc_uncovered_cents: charged - paid,
        government_cents: government,
        self_paid_cents: self_paid,
        flags,
        rule_version: rule.version.to_owned(),
    }
}
