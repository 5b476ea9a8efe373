//! 家庭医生团队: validation of the team form (name, members, the one 团队长, a doctor on the team).
use thiserror::Error;
use yiyang_protocol::{TeamInput, TeamMember, TeamRole};

use crate::error::{Coded, ValidationErrors};
use crate::name::PersonName;
use crate::text::TextRule;

const NAME: TextRule = TextRule {
    label: "团队名称",
    max_chars: 30,
    required: true,
    multiline: false,
};

/// Most members a team form accepts (a family-doctor team is a handful of people).
pub const MAX_MEMBERS: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TeamError {
    #[error("团队成员不能为空：至少添加一名成员")]
    MembersRequired,
    #[error("团队成员过多：最多 {MAX_MEMBERS} 人，实际 {0} 人")]
    TooManyMembers(usize),
    #[error("第 {index} 位成员的姓名有误：{message}")]
    MemberName { index: usize, message: String },
    #[error("请指定一名团队长")]
    LeaderMissing,
    #[error("团队长只能有一名，现在有 {0} 名")]
    LeaderMany(usize),
    #[error("团队中至少要有一名医生或乡村医生")]
    DoctorRequired,
    #[error("第 {index} 位成员与第 {first} 位成员是同一个用户账号")]
    DuplicateUser { index: usize, first: usize },
}

impl Coded for TeamError {
    fn code(&self) -> &'static str {
        match self {
            TeamError::MembersRequired => "team.members_required",
            TeamError::TooManyMembers(_) => "team.members_too_many",
            TeamError::MemberName { .. } => "team.member_name",
            TeamError::LeaderMissing => "team.leader_missing",
            TeamError::LeaderMany(_) => "team.leader_many",
            TeamError::DoctorRequired => "team.doctor_required",
            TeamError::DuplicateUser { .. } => "team.member_duplicate",
        }
    }
}

/// A team form whose every field passed its rule. Member names are trimmed and a blank user id
/// is `None`; members keep the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTeam {
    pub name: String,
    pub members: Vec<TeamMember>,
}

/// 全科医生 / 护士 / 公卫人员 / 乡村医生 / 其他.
pub fn team_role_label(role: TeamRole) -> &'static str {
    match role {
        TeamRole::Doctor => "全科医生",
        TeamRole::Nurse => "护士",
        TeamRole::PublicHealth => "公卫人员",
        TeamRole::VillageDoctor => "乡村医生",
        TeamRole::Other => "其他",
    }
}

/// Whether a member of `role` can be a team's doctor (医生 or 乡村医生).
pub fn is_doctor_role(role: TeamRole) -> bool {
    matches!(role, TeamRole::Doctor | TeamRole::VillageDoctor)
}

/// Checks the team form (fields `name`, `members`) and reports every problem at once. Whether a
/// member's user account exists is the store's check.
pub fn validate_team(input: &TeamInput) -> Result<ValidTeam, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", NAME.apply(&input.name));
    let members = members(&input.members, &mut errors);
    match (name, members) {
        (Some(name), Some(members)) if errors.is_empty() => Ok(ValidTeam { name, members }),
        _ => Err(errors),
    }
}

fn members(input: &[TeamMember], errors: &mut ValidationErrors) -> Option<Vec<TeamMember>> {
    const FIELD: &str = "members";
    if input.is_empty() {
        errors.push(FIELD, &TeamError::MembersRequired);
        return None;
    }
    if input.len() > MAX_MEMBERS {
        errors.push(FIELD, &TeamError::TooManyMembers(input.len()));
        return None;
    }
    let before = errors.len();
    let mut out = Vec::with_capacity(input.len());
    for (i, m) in input.iter().enumerate() {
        let index = i + 1;
        let name = match PersonName::parse(&m.name) {
            Ok(n) => n.as_str().to_owned(),
            Err(e) => {
                let message = e.labeled("姓名").to_string();
                errors.push(FIELD, &TeamError::MemberName { index, message });
                continue;
            }
        };
        let user_id = m
            .user_id
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned);
        if let Some(u) = &user_id {
            let first = out
                .iter()
                .position(|o: &TeamMember| o.user_id.as_ref() == Some(u));
            if let Some(first) = first {
                errors.push(
                    FIELD,
                    &TeamError::DuplicateUser {
                        index,
                        first: first + 1,
                    },
                );
            }
        }
        out.push(TeamMember {
            user_id,
            name,
            role: m.role,
            leader: m.leader,
        });
    }
    match input.iter().filter(|m| m.leader).count() {
        0 => errors.push(FIELD, &TeamError::LeaderMissing),
        1 => {}
        n => errors.push(FIELD, &TeamError::LeaderMany(n)),
    }
    if !input.iter().any(|m| is_doctor_role(m.role)) {
        errors.push(FIELD, &TeamError::DoctorRequired);
    }
    (errors.len() == before).then_some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use TeamRole::{Doctor, Nurse, Other, PublicHealth, VillageDoctor};

    fn member(name: &str, role: TeamRole, leader: bool) -> TeamMember {
        TeamMember {
            user_id: None,
            name: name.into(),
            role,
            leader,
        }
    }

    fn valid_input() -> TeamInput {
        TeamInput {
            name: " 城南第一家庭医生团队 ".into(),
            members: vec![
                TeamMember {
                    user_id: Some("u-1".into()),
                    ..member(" 王一山 ", Doctor, true)
                },
                TeamMember {
                    user_id: Some("  ".into()),
                    ..member("阿依古丽·买买提", Nurse, false)
                },
                member("𠮷田", PublicHealth, false),
            ],
        }
    }

    #[test]
    fn a_valid_team_is_normalized() {
        let v = validate_team(&valid_input()).unwrap();
        assert_eq!(v.name, "城南第一家庭医生团队");
        assert_eq!(v.members.len(), 3);
        assert_eq!(v.members[0].name, "王一山");
        assert_eq!(v.members[0].user_id.as_deref(), Some("u-1"));
        assert_eq!(v.members[1].user_id, None, "a blank user id is no user");
        assert_eq!(v.members[2].name, "𠮷田");
    }

    type Edit = fn(&mut TeamInput);

    /// One broken rule per row: (edit of a valid form, field, code).
    const CASES: &[(Edit, &str, &str)] = &[
        (|t| t.name = "  ".into(), "name", "text.required"),
        (|t| t.name = "队".repeat(31), "name", "text.too_long"),
        (|t| t.members.clear(), "members", "team.members_required"),
        (
            |t| t.members = vec![member("王一山", Doctor, true); MAX_MEMBERS + 1],
            "members",
            "team.members_too_many",
        ),
        (
            |t| t.members[1].name = " ".into(),
            "members",
            "team.member_name",
        ),
        (
            |t| t.members[2].name = "张3".into(),
            "members",
            "team.member_name",
        ),
        (
            |t| t.members[0].leader = false,
            "members",
            "team.leader_missing",
        ),
        (
            |t| t.members[2].leader = true,
            "members",
            "team.leader_many",
        ),
        (
            |t| t.members[0].role = Other,
            "members",
            "team.doctor_required",
        ),
        (
            |t| t.members[2].user_id = Some("u-1".into()),
            "members",
            "team.member_duplicate",
        ),
    ];

    #[test]
    fn each_rule_reports_its_field() {
        for (i, (edit, field, code)) in CASES.iter().enumerate() {
            let mut input = valid_input();
            edit(&mut input);
            let errors = validate_team(&input).unwrap_err();
            assert_eq!(errors.codes(), [*code], "row {i}: {errors:?}");
            assert_eq!(errors.0[0].field, *field, "row {i}");
        }
    }

    #[test]
    fn a_village_doctor_counts_as_the_teams_doctor() {
        let mut input = valid_input();
        input.members[0].role = VillageDoctor;
        assert!(validate_team(&input).is_ok());
    }

    #[test]
    fn messages_name_the_member() {
        let mut input = valid_input();
        input.members[1].name = String::new();
        input.members.iter_mut().for_each(|m| m.leader = true);
        let errors = validate_team(&input).unwrap_err();
        let messages: Vec<&str> = errors.0.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "第 2 位成员的姓名有误：姓名不能为空",
                "团队长只能有一名，现在有 3 名"
            ]
        );
        assert_eq!(team_role_label(VillageDoctor), "乡村医生");
    }
}
