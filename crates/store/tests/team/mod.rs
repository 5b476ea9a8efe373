//! A clinic with one account per role, two nursing homes and residents in and out of them: the
//! fixture of the role, audit and security tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use tempfile::TempDir;
use yiyang_protocol::{LivingKind, LogInInput, Resident, ResidentInput, Role, UserInput};
use yiyang_store::{demo, Store, StoreError, Vault};

use crate::common;

pub const PASSWORD: &str = demo::DEMO_PASSWORD;

/// The log-in of the demo account of `role` (the admin is `linxy`).
pub fn login_of(role: Role) -> &'static str {
    if role == Role::ClinicAdmin {
        return "linxy";
    }
    demo::DEMO_USERS
        .iter()
        .find(|(_, _, r)| *r == role)
        .map(|(login, _, _)| *login)
        .unwrap()
}

pub fn log_in(
    vault: &Vault,
    login: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Store, StoreError> {
    vault.log_in(
        &LogInInput {
            login: login.into(),
            password: password.into(),
        },
        now,
    )
}

pub struct Team {
    pub dir: TempDir,
    pub vault: Vault,
    /// Logged in as the 机构管理员 `linxy`.
    pub admin: Store,
    pub clinic_id: String,
    /// 城南镇中心敬老院: the 养老机构管理员 `chenyl` belongs here.
    pub home_id: String,
    /// 桐庐康乐养老院: not `chenyl`'s.
    pub other_home_id: String,
    /// (role, user id) of every account, the admin included.
    pub users: Vec<(Role, String)>,
    /// 张三丰, living in `home_id`.
    pub in_home: Resident,
    /// 李四, living at home.
    pub at_home: Resident,
    /// 王五, living in `other_home_id`.
    pub elsewhere: Resident,
}

impl Team {
    pub fn user_id(&self, role: Role) -> &str {
        self.users
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, id)| id.as_str())
            .unwrap()
    }

    /// `role`'s account, logged in now.
    pub fn as_role(&self, role: Role) -> Store {
        log_in(&self.vault, login_of(role), PASSWORD, common::now()).unwrap()
    }
}

pub fn resident(name: &str, id_number: &str, phone: &str, home: Option<&str>) -> ResidentInput {
    ResidentInput {
        name: name.into(),
        id_number: id_number.into(),
        phone: phone.into(),
        address: "城南镇王家村3组12号".into(),
        emergency_contact_name: "张小明".into(),
        emergency_contact_phone: "13900001111".into(),
        living_kind: if home.is_some() {
            LivingKind::NursingHome
        } else {
            LivingKind::Home
        },
        nursing_home_id: home.map(str::to_owned),
        room: if home.is_some() {
            "203".into()
        } else {
            String::new()
        },
        ..ResidentInput::default()
    }
}

pub fn team() -> Team {
    let (dir, mut admin) = common::store();
    let vault = common::vault(&dir);
    let ctx = common::ctx(&admin);
    let clinic_id = admin.session().unwrap().institution_id.clone();
    let homes = demo::nursing_homes();
    let home_id = admin.create_institution(&ctx, &homes[0]).unwrap().id;
    let other_home_id = admin.create_institution(&ctx, &homes[1]).unwrap().id;
    let mut users = vec![(Role::ClinicAdmin, admin.session().unwrap().user_id.clone())];
    for (login, name, role) in demo::DEMO_USERS {
        let institution_id = if *role == Role::CareHomeAdmin {
            home_id.clone()
        } else {
            clinic_id.clone()
        };
        let row = admin
            .create_user(
                &ctx,
                &UserInput {
                    login: (*login).into(),
                    name: (*name).into(),
                    role: Some(*role),
                    institution_id,
                    password: PASSWORD.into(),
                    password_again: PASSWORD.into(),
                },
            )
            .unwrap();
        users.push((*role, row.id));
    }
    let in_home = admin
        .create_resident(
            &ctx,
            &resident(
                "张三丰",
                "11010519491231002X",
                "13812345678",
                Some(&home_id),
            ),
        )
        .unwrap();
    let at_home = admin
        .create_resident(
            &ctx,
            &resident("李四", "440524188001015368", "13700002222", None),
        )
        .unwrap();
    let elsewhere = admin
        .create_resident(
            &ctx,
            &resident(
                "王五",
                "330122195001011231",
                "13600003333",
                Some(&other_home_id),
            ),
        )
        .unwrap();
    Team {
        dir,
        vault,
        admin,
        clinic_id,
        home_id,
        other_home_id,
        users,
        in_home,
        at_home,
        elsewhere,
    }
}
