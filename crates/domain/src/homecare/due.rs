//! Where each service of the home-care plan in force stands: done in its period, due, or missed.
use chrono::NaiveDate;
use yiyang_protocol::{DueState, HomeCareDue, PlannedService};

use crate::due::dates::{add_frequency, days_between, frequency_label};

/// Each planned service against the deliveries `(date, service code)` logged since the plan
/// began (`plan_on`). A service never delivered is due one period after the plan began.
pub fn plan_due(
    plan_on: NaiveDate,
    services: &[PlannedService],
    deliveries: &[(NaiveDate, &str)],
    today: NaiveDate,
) -> Vec<HomeCareDue> {
    services
        .iter()
        .map(|p| {
            let last = deliveries
                .iter()
                .filter(|(on, code)| *code == p.service && *on >= plan_on)
                .map(|(on, _)| *on)
                .max();
            let due_by = add_frequency(last.unwrap_or(plan_on), p.frequency);
            let every = frequency_label(p.frequency);
            let (state, reason) = match last {
                _ if today > due_by => (
                    DueState::Overdue,
                    format!(
                        "{}：计划{every}，{}，已逾期 {} 天",
                        p.service_name,
                        last.map_or("计划开始后尚未服务".to_owned(), |l| format!(
                            "上次服务在 {l}"
                        )),
                        days_between(due_by, today)
                    ),
                ),
                Some(l) => (
                    DueState::Done,
                    format!(
                        "{}：计划{every}，上次服务在 {l}，下次请在 {due_by} 前",
                        p.service_name
                    ),
                ),
                None => (
                    DueState::Due,
                    format!(
                        "{}：计划{every}，尚未服务，请在 {due_by} 前",
                        p.service_name
                    ),
                ),
            };
            HomeCareDue {
                service: p.service.clone(),
                service_name: p.service_name.clone(),
                frequency: p.frequency,
                provider: p.provider.clone(),
                last_done: last.map(|d| d.to_string()),
                due_by: due_by.to_string(),
                state,
                reason,
            }
        })
        .collect()
}
