//! The list of IPC commands: name, arguments and result type. `src-tauri` implements exactly these
//! and the TypeScript wrappers in `ui/src/ipc/bindings.ts` are generated from this list, so the two
//! sides cannot drift apart silently.
use ts_rs::{Config, TS};

use crate::*;

/// Gives the TypeScript name of a type.
pub type TsName = fn(&Config) -> String;

/// One IPC command as the generator sees it.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    pub name: &'static str,
    pub doc: &'static str,
    pub args: &'static [(&'static str, TsName)],
    pub ret: TsName,
}

macro_rules! commands {
    ($( #[doc = $doc:literal] fn $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        /// Every command the desktop shell exposes, in the order they are generated.
        pub const COMMANDS: &[CommandSpec] = &[
            $( CommandSpec {
                name: stringify!($name),
                doc: $doc,
                args: &[ $( (stringify!($arg), <$ty as TS>::name as TsName) ),* ],
                ret: <$ret as TS>::name as TsName,
            }, )*
        ];
    };
}

commands! {
    /// 当前安装的设置状态（首次运行时尚未设置）。
    fn get_setup_state() -> SetupState;
    /// 首次运行：登记本机构和第一位用户。
    fn complete_setup(input: SetupInput) -> SetupState;
    /// 可选的养老机构/敬老院（居民入住地点）。
    fn list_nursing_homes() -> Vec<Institution>;
    /// 登记一家合作的养老机构/敬老院。
    fn create_institution(input: InstitutionInput) -> Institution;
    /// 分页、排序的居民列表。
    fn list_residents(query: ResidentListQuery) -> ResidentPage;
    /// 一个搜索框：姓名、拼音首字母、全拼、身份证号片段、电话片段。
    fn search_residents(query: SearchQuery) -> Vec<SearchHit>;
    /// 一份居民健康档案。
    fn get_resident(id: String) -> Resident;
    /// 不保存，只检查表单，返回所有字段问题（用于即时提示）；编辑时传入档案 id 以免与自身查重。
    fn validate_resident(input: ResidentInput, except_id: Option<String>) -> ResidentCheck;
    /// 新建居民健康档案。
    fn create_resident(input: ResidentInput) -> Resident;
    /// 修改居民健康档案。
    fn update_resident(update: UpdateResident) -> Resident;
    /// 变更档案状态（迁出、死亡、恢复在档）。
    fn change_resident_status(change: ChangeStatus) -> Resident;
    /// 档案的修改历史，最新在前。
    fn resident_history(id: String) -> Vec<HistoryEntry>;
    /// 界面首次绘制完成（用于冷启动计时）。
    fn report_first_paint() -> ();
}
