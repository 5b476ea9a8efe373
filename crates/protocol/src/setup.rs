//! First run: the installation's own institution and first user.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Institution, InstitutionInput};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    pub institution: InstitutionInput,
    pub user_name: String,
    /// Log-in name of the first user, who becomes the 机构管理员.
    pub login: String,
    pub password: String,
    pub password_again: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupState {
    pub set_up: bool,
    pub device_id: String,
    pub institution: Option<Institution>,
    pub user: Option<UserSummary>,
    /// Where the data file lives, shown in 设置 so people know what to back up.
    pub data_path: String,
}
