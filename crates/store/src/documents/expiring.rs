//! Agreements and contracts about to expire, for the due list: an active agreement or a current
//! contract a month before its end (or already ended without being renewed or terminated).
use chrono::NaiveDate;
use yiyang_domain::agreement::expiry_notice_due;
use yiyang_domain::contract::{days_to_expiry, renewal_due};
use yiyang_domain::text::parse_iso_date;
use yiyang_protocol::{DocumentKind, ExpiringItem, Permission};

use crate::{Result, Store};

impl Store {
    /// Soonest end first. A 养老机构管理员 sees only their home's agreement and residents.
    pub fn expiring_items(&self, today: NaiveDate) -> Result<Vec<ExpiringItem>> {
        self.require(Permission::ViewResidents)?;
        let home = self.resident_scope()?;
        let mut items = Vec::new();
        let mut agreements = self.conn.prepare(
            "SELECT a.id, a.number, h.name, a.end_on FROM agreements a
             JOIN institutions h ON h.id = a.nursing_home_id
             WHERE a.deleted_at IS NULL AND a.status = 'active'
               AND (?1 IS NULL OR a.nursing_home_id = ?1)",
        )?;
        let rows = agreements.query_map([&home], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
        })?;
        for row in rows {
            let (record_id, number, party_name, end_on) = row?;
            if let Some(end) = parse_iso_date(&end_on).filter(|e| expiry_notice_due(*e, today)) {
                items.push(ExpiringItem {
                    kind: DocumentKind::CooperationAgreement,
                    record_id,
                    number,
                    party_name,
                    end_on,
                    days_left: days_to_expiry(end, today),
                });
            }
        }
        let mut contracts = self.conn.prepare(
            "SELECT k.id, k.number, r.name, k.end_on FROM contracts k
             JOIN residents r ON r.id = k.resident_id
             WHERE k.deleted_at IS NULL AND k.status IN ('signed', 'renewed')
               AND k.renewed_by IS NULL AND r.deleted_at IS NULL AND r.status = 'active'
               AND (?1 IS NULL OR r.nursing_home_id = ?1)",
        )?;
        let rows = contracts.query_map([&home], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
        })?;
        for row in rows {
            let (record_id, number, party_name, end_on) = row?;
            if let Some(end) = parse_iso_date(&end_on).filter(|e| renewal_due(*e, today)) {
                items.push(ExpiringItem {
                    kind: DocumentKind::FamilyDoctorContract,
                    record_id,
                    number,
                    party_name,
                    end_on,
                    days_left: days_to_expiry(end, today),
                });
            }
        }
        items.sort_by(|a, b| {
            a.end_on
                .cmp(&b.end_on)
                .then_with(|| a.number.cmp(&b.number))
        });
        Ok(items)
    }
}
