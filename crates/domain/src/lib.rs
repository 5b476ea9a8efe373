//! Pure rules of 医养通: validated identifiers (身份证号, 统一社会信用代码, 健康档案编号, 行政区划代码),
//! names and phone numbers, resident and institution form validation, status changes, pinyin
//! search keys and the scored assessment scales (versioned rule data).
//!
//! Architecture invariant: this crate does no I/O and never reads the clock. Every rule that depends
//! on the date takes `today: NaiveDate` from the caller. It knows the IPC DTOs of `yiyang-protocol`
//! (it converts them into validated values) but nothing about storage or Tauri.
//!
//! Every validated value is a newtype built only through `parse`, so an invalid value cannot exist
//! past the boundary. Every error has a stable `code()` (see [`Coded`]) and a Chinese message that
//! names the field and the rule.

pub mod access;
pub mod agreement;
pub mod contract;
pub mod credentials;
pub mod credit_code;
pub mod division;
pub mod document;
pub mod due;
pub mod error;
pub mod health_check;
pub mod health_file_no;
pub mod homecare;
pub mod id_number;
pub mod import;
pub mod indicators;
pub mod institution;
pub mod mask;
pub mod money;
pub mod name;
pub mod phone;
pub mod records;
pub mod resident;
pub mod scales;
pub mod search_keys;
pub mod status;
pub mod team;
pub mod term;
pub mod text;
pub mod wire_rows;

pub use credit_code::{CreditCode, CreditCodeError};
pub use division::{CountyCode, DivisionError, TownshipCode, VillageCode};
pub use error::{Coded, FieldError, ValidationErrors};
pub use health_check::{bp_flag, validate_health_check, validate_vitals, HealthCheckError};
pub use health_file_no::{HealthFileNo, HealthFileNoError};
pub use id_number::{IdNumber, IdNumberError};
pub use institution::{
    is_care_home, kind_label, validate_institution, validate_user_name, ValidInstitution,
};
pub use name::{NameError, PersonName};
pub use phone::{Phone, PhoneError};
pub use resident::{age_on, validate_resident, Living, ResidentError, ValidResident};
pub use search_keys::{classify_query, name_keys, sort_key, syllables, NameKeys, SearchQuery};
pub use status::{status_label, validate_status_change, StatusError, ValidStatus};
pub use text::TextError;
