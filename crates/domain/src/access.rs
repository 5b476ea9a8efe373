//! Who may do what: the role table. The store checks it on every call of its facade, so a user
//! calling a command directly through the IPC layer meets the same rule as the UI.
use yiyang_protocol::{Permission, Role};

/// Which residents a role sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentScope {
    /// Every resident of the county's file on this computer.
    All,
    /// Only the residents living in the user's own nursing home.
    OwnCareHome,
}

/// Every permission, in the order the UI lists them.
pub const PERMISSIONS: [Permission; 15] = [
    Permission::ViewResidents,
    Permission::RevealIdentity,
    Permission::EditResidents,
    Permission::ManageInstitutions,
    Permission::ManageUsers,
    Permission::ViewAudit,
    Permission::Backup,
    Permission::Restore,
    Permission::ChangeSettings,
    Permission::SignPrescriptions,
    Permission::RecordCare,
    Permission::ManageContracts,
    Permission::ManageTeams,
    Permission::ManageAgreements,
    Permission::ManageSync,
];

/// The role table. Only doctors sign prescriptions; a nursing-home admin sees the residents of
/// their own home, masked, and changes nothing; the clinic admin runs users, audit and restore.
pub fn permits(role: Role, permission: Permission) -> bool {
    use Permission as P;
    use Role as R;
    match permission {
        P::ViewResidents => true,
        P::RevealIdentity | P::EditResidents | P::Backup => !matches!(role, R::CareHomeAdmin),
        P::ManageInstitutions
        | P::ManageUsers
        | P::ViewAudit
        | P::Restore
        | P::ChangeSettings
        | P::ManageTeams
        | P::ManageAgreements
        | P::ManageSync => matches!(role, R::ClinicAdmin),
        // The clinic's care staff record services and sign contracts; the admin runs the office.
        P::RecordCare | P::ManageContracts => {
            matches!(role, R::Doctor | R::Nurse | R::PublicHealth)
        }
        P::SignPrescriptions => matches!(role, R::Doctor),
    }
}

/// The permissions of `role`, in [`PERMISSIONS`] order.
pub fn permissions(role: Role) -> Vec<Permission> {
    PERMISSIONS
        .into_iter()
        .filter(|p| permits(role, *p))
        .collect()
}

pub fn resident_scope(role: Role) -> ResidentScope {
    match role {
        Role::CareHomeAdmin => ResidentScope::OwnCareHome,
        _ => ResidentScope::All,
    }
}

/// Whether a user of `role` belongs to a nursing home (not to the clinic).
pub fn belongs_to_care_home(role: Role) -> bool {
    matches!(role, Role::CareHomeAdmin)
}

pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Doctor => "医生",
        Role::Nurse => "护士",
        Role::PublicHealth => "公卫人员",
        Role::ClinicAdmin => "机构管理员",
        Role::CareHomeAdmin => "养老机构管理员",
    }
}

pub fn permission_label(permission: Permission) -> &'static str {
    match permission {
        Permission::ViewResidents => "查看居民档案",
        Permission::RevealIdentity => "查看完整身份证号和电话",
        Permission::EditResidents => "新建和修改居民档案",
        Permission::ManageInstitutions => "登记合作养老机构",
        Permission::ManageUsers => "管理用户",
        Permission::ViewAudit => "查看审计日志",
        Permission::Backup => "备份数据",
        Permission::Restore => "从备份恢复",
        Permission::ChangeSettings => "修改本机设置",
        Permission::SignPrescriptions => "开具处方",
        Permission::RecordCare => "记录体检、评估和巡诊",
        Permission::ManageContracts => "办理家庭医生签约",
        Permission::ManageTeams => "管理家庭医生团队",
        Permission::ManageAgreements => "管理医养合作协议",
        Permission::ManageSync => "管理与县级平台的同步",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_doctors_sign_prescriptions() {
        for role in Role::ALL {
            assert_eq!(
                permits(role, Permission::SignPrescriptions),
                role == Role::Doctor
            );
        }
    }

    #[test]
    fn care_home_admin_only_views_own_residents_masked() {
        assert_eq!(
            permissions(Role::CareHomeAdmin),
            vec![Permission::ViewResidents]
        );
        assert_eq!(
            resident_scope(Role::CareHomeAdmin),
            ResidentScope::OwnCareHome
        );
    }

    #[test]
    fn only_the_clinic_admin_manages_users_audit_and_restore() {
        for role in Role::ALL {
            for p in [
                Permission::ManageUsers,
                Permission::ViewAudit,
                Permission::Restore,
            ] {
                assert_eq!(
                    permits(role, p),
                    role == Role::ClinicAdmin,
                    "{role:?} {p:?}"
                );
            }
        }
    }
}
