//! Chinese names for what the 同步 page lists: tables, fields and rows.
use rusqlite::{Connection, OptionalExtension};
use yiyang_protocol::sync::SyncTable;

use crate::Result;

pub(crate) use yiyang_domain::wire_rows::table_label;

/// The Chinese name of wire field `field` of `table` (the field name itself when unknown).
pub(crate) fn field_label(table: SyncTable, field: &str) -> String {
    use SyncTable as T;
    let label = match (table, field) {
        (_, "deletedAt") => "删除",
        (_, "institutionId") => "所属机构",
        (T::Institutions, "kind") => "机构类型",
        (T::Institutions, "name") => "机构名称",
        (T::Institutions, "creditCode") => "统一社会信用代码",
        (T::Institutions, "countyCode") => "县级区划代码",
        (T::Institutions, "townshipCode") => "乡镇代码",
        (T::Institutions, "villageCode") => "村/居委会代码",
        (T::Institutions, "address") => "机构地址",
        (T::Institutions, "contactPhone") => "联系电话",
        (T::Users | T::Residents, "name") => "姓名",
        (T::Users, "login") => "登录名",
        (T::Users, "role") => "角色",
        (T::CareTeams, "name") => "团队名称",
        (T::CareTeams, "members") => "团队成员",
        (T::Residents, "idNumber") => "身份证号",
        (T::Residents, "sex") => "性别",
        (T::Residents, "birthDate") => "出生日期",
        (T::Residents, "phone") => "联系电话",
        (T::Residents, "address") => "现住址",
        (T::Residents, "hukouAddress") => "户籍地址",
        (T::Residents, "livingKind") => "居住方式",
        (T::Residents | T::Agreements, "nursingHomeId") => "养老机构",
        (T::Residents, "room") => "房间号",
        (T::Residents, "bed") => "床位号",
        (T::Residents, "emergencyContactName") => "紧急联系人",
        (T::Residents, "emergencyContactPhone") => "紧急联系人电话",
        (T::Residents, "medicalInsurance") => "医疗保险",
        (T::Residents, "ltcInsurance") => "长期护理保险",
        (T::Residents, "specialCategories") => "特殊人群",
        (T::Residents, "chronicConditions") => "慢性病",
        (T::Residents, "allergies") => "过敏史",
        (T::Residents, "healthFileNo") => "健康档案编号",
        (T::Residents, "status") => "档案状态",
        (T::Residents, "statusDate") => "状态日期",
        (T::Residents, "statusNote") => "状态说明",
        (T::Contracts, "number") => "签约编号",
        (T::Contracts | T::CareRecords, "residentId") => "居民",
        (T::Contracts, "teamId") => "家庭医生团队",
        (T::Contracts, "doctorId") => "签约医生",
        (T::Contracts, "categories") => "人群分类",
        (T::Contracts, "packageKind") => "服务包类型",
        (T::Contracts, "packageItems") => "服务包项目",
        (T::Contracts, "priceCents") => "服务费",
        (T::Contracts, "insuranceCents") => "医保支付",
        (T::Contracts, "selfPaidCents") => "个人支付",
        (T::Contracts | T::Agreements, "startOn") => "开始日期",
        (T::Contracts | T::Agreements, "endOn") => "结束日期",
        (T::Contracts, "signedOn") => "签约日期",
        (T::Contracts, "status") => "签约状态",
        (T::Contracts, "terminatedOn") => "解约日期",
        (T::Contracts, "terminationReason") => "解约原因",
        (T::Contracts, "terminationNote") => "解约说明",
        (T::Contracts, "renews") => "续约自",
        (T::Contracts, "renewedBy") => "续约为",
        (T::Agreements, "number") => "协议编号",
        (T::Agreements, "clinicId") => "医疗机构",
        (T::Agreements, "items") => "服务项目",
        (T::Agreements, "methods") => "服务方式",
        (T::Agreements, "fileWithinDays") => "建档时限（天）",
        (T::Agreements, "note") => "备注",
        (T::Agreements, "status") => "协议状态",
        (T::Agreements, "activatedOn") => "生效日期",
        (T::Agreements, "terminatedOn") => "终止日期",
        (T::Agreements, "terminationReason") => "终止原因",
        (T::CareRecords, "kind") => "记录类型",
        (T::CareRecords, "item") => "服务项目",
        (T::CareRecords, "occurredOn") => "服务日期",
        (T::CareRecords, "place") => "地点",
        (T::CareRecords, "summary") => "摘要",
        (T::CareRecords, "detail") => "详情",
        (T::CareRecords, "facts") => "要点",
        (T::CareRecords, "supersedes") => "更正的记录",
        (T::CareRecords, "correctionReason") => "更正原因",
        _ => return field.to_owned(),
    };
    label.to_owned()
}

/// Which record row `id` of `table` is, for people (a resident's name, a contract's number and
/// resident); its id when it is not stored here.
pub(crate) fn row_label(conn: &Connection, table: SyncTable, id: &str) -> Result<String> {
    let sql = match table {
        SyncTable::Institutions
        | SyncTable::Users
        | SyncTable::CareTeams
        | SyncTable::Residents => {
            format!("SELECT name FROM {} WHERE id = ?1", table.name())
        }
        SyncTable::Contracts => "SELECT c.number || '（' || coalesce(r.name, '') || '）'
             FROM contracts c LEFT JOIN residents r ON r.id = c.resident_id WHERE c.id = ?1"
            .to_owned(),
        SyncTable::Agreements => "SELECT a.number || '（' || coalesce(i.name, '') || '）'
             FROM agreements a LEFT JOIN institutions i ON i.id = a.nursing_home_id
             WHERE a.id = ?1"
            .to_owned(),
        SyncTable::CareRecords => "SELECT coalesce(r.name, '') || ' ' || c.occurred_on || ' '
                 || c.summary
             FROM care_records c LEFT JOIN residents r ON r.id = c.resident_id WHERE c.id = ?1"
            .to_owned(),
    };
    let found: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(found.unwrap_or_else(|| id.to_owned()))
}
