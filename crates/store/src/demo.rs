//! A seeded generator of a realistic synthetic county: one clinic, its nursing homes and elderly
//! residents (ages 60–100, valid 身份证号, conditions, a few rare-character and minority names).
//! The same seed always gives the same people, so demos and benchmarks are repeatable.
use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use yiyang_domain::credit_code;
use yiyang_domain::id_number::{self, IdNumber};
use yiyang_protocol::{
    InstitutionInput, InstitutionKind, LivingKind, MedicalInsurance, ResidentInput, Role,
    SetupInput, SpecialCategory, UserInput,
};

pub use crate::demo_care::seed_care;
use crate::{Result, Store, Vault, WriteCtx};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史",
    "单", "欧阳", "诸葛", "司马",
];
/// Given-name characters as that generation used them, for women and for men.
const GIVEN_FEMALE: &[&str] = &[
    "秀", "英", "华", "兰", "芳", "玉", "珍", "凤", "桂", "梅", "淑", "琴", "云", "莲", "春", "翠",
];
const GIVEN_MALE: &[&str] = &[
    "建", "国", "明", "德", "福", "荣", "贵", "生", "永", "文", "志", "富", "海", "金", "忠", "林",
    "军", "平", "强", "伟", "成", "山", "宝", "发", "祥", "和", "根", "水", "清", "有", "长", "树",
];
/// Rare and minority names that must survive storage, search and printing exactly.
const RARE_NAMES: &[&str] = &[
    "𠮷野家",
    "王𪚥",
    "阿依古丽·买买提",
    "次仁·多吉",
    "李𬌗",
    "陈喆",
    "欧阳䶮",
    "买买提·艾力",
];
const COUNTIES: &[&str] = &[
    "330122", "330127", "330182", "330106", "340102", "410105", "510104",
];
const CONDITIONS: &[(&str, f64)] = &[
    ("高血压", 0.45),
    ("2型糖尿病", 0.18),
    ("冠心病", 0.10),
    ("骨质疏松", 0.08),
    ("慢阻肺", 0.06),
    ("脑卒中", 0.05),
];
const VILLAGES: &[&str] = &["王家村", "柳树湾村", "石桥村", "东风村", "新塘村", "下洋村"];

/// The demo clinic: a township health centre in 桐庐县 (330122).
pub fn clinic_setup() -> SetupInput {
    SetupInput {
        institution: InstitutionInput {
            kind: Some(InstitutionKind::TownshipClinic),
            name: "桐庐县城南镇卫生院".into(),
            credit_code: credit_code("12330122MB1234567"),
            county_code: "330122".into(),
            township_code: "101".into(),
            village_code: "001".into(),
            address: "浙江省杭州市桐庐县城南街道健康路 8 号".into(),
            contact_phone: "0571-64201234".into(),
        },
        user_name: "林晓燕".into(),
        login: "linxy".into(),
        password: DEMO_PASSWORD.into(),
        password_again: DEMO_PASSWORD.into(),
    }
}

/// Password of every demo account (shown on the log-in screen in demo mode only).
pub const DEMO_PASSWORD: &str = "yiyang2026";

/// The demo accounts besides the admin `linxy`: one per role. The nursing-home admin belongs to
/// the first demo nursing home.
pub const DEMO_USERS: &[(&str, &str, Role)] = &[
    ("wangys", "王一山", Role::Doctor),
    ("zhaohs", "赵慧珊", Role::Nurse),
    ("liugw", "刘国伟", Role::PublicHealth),
    ("chenyl", "陈玉兰", Role::CareHomeAdmin),
];

/// Three nursing homes the demo clinic serves.
pub fn nursing_homes() -> Vec<InstitutionInput> {
    let home = |kind, name: &str, body: &str, address: &str| InstitutionInput {
        kind: Some(kind),
        name: name.into(),
        credit_code: credit_code(body),
        county_code: "330122".into(),
        township_code: "101".into(),
        village_code: "101".into(),
        address: address.into(),
        contact_phone: String::new(),
    };
    vec![
        home(
            InstitutionKind::ElderlyHome,
            "城南镇中心敬老院",
            "52330122MJ8765432",
            "城南镇敬老路 1 号",
        ),
        home(
            InstitutionKind::CareInstitution,
            "桐庐康乐养老院",
            "52330122MJ8765433",
            "城南镇康乐路 16 号",
        ),
        home(
            InstitutionKind::ElderlyHome,
            "石桥村敬老院",
            "52330122MJ8765434",
            "城南镇石桥村 3 组",
        ),
    ]
}

/// Completes a 17-character credit-code body with its GB 32100 check character.
fn credit_code(body: &str) -> String {
    credit_code::check_char(body).map_or_else(String::new, |c| format!("{body}{c}"))
}

/// Completes a 17-digit 身份证号 body with its GB 11643 check character.
fn id_number(body: &str, today: NaiveDate) -> Option<String> {
    let id = format!("{body}{}", id_number::check_char(body)?);
    IdNumber::parse(&id, today)
        .ok()
        .map(|id| id.as_str().to_owned())
}

/// Generates residents deterministically from `seed`.
#[derive(Debug)]
pub struct ResidentGenerator {
    rng: ChaCha8Rng,
    today: NaiveDate,
    homes: Vec<String>,
    used_ids: HashSet<String>,
}

impl ResidentGenerator {
    /// `homes`: ids of nursing homes residents may live in (a quarter of them do).
    pub fn new(seed: u64, today: NaiveDate, homes: Vec<String>) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            today,
            homes,
            used_ids: HashSet::new(),
        }
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items.choose(&mut self.rng).copied().unwrap_or_default()
    }

    fn name(&mut self, male: bool) -> String {
        if self.rng.gen_bool(0.005) {
            return self.pick(RARE_NAMES).to_owned();
        }
        let mut name = self.pick(SURNAMES).to_owned();
        let given = if self.rng.gen_bool(0.25) { 1 } else { 2 };
        for _ in 0..given {
            name.push_str(self.pick(if male { GIVEN_MALE } else { GIVEN_FEMALE }));
        }
        name
    }

    fn mobile(&mut self) -> String {
        let prefix = self.pick(&[
            "135", "138", "139", "150", "158", "159", "182", "187", "133", "177",
        ]);
        format!("{prefix}{:08}", self.rng.gen_range(0..100_000_000))
    }

    fn unique_id(&mut self, birth: NaiveDate, male: bool) -> String {
        loop {
            let county = self.pick(COUNTIES);
            let mut seq = self.rng.gen_range(0..1000u32);
            if (seq % 2 == 1) != male {
                seq = (seq + 1) % 1000;
            }
            let body = format!("{county}{}{seq:03}", birth.format("%Y%m%d"));
            if let Some(id) = id_number(&body, self.today) {
                if self.used_ids.insert(id.clone()) {
                    return id;
                }
            }
        }
    }

    /// The next resident's form, as a nurse would have filled it in.
    pub fn next_resident(&mut self) -> ResidentInput {
        let age_days = self.rng.gen_range(60 * 365 + 15..100 * 365);
        let birth = self.today - Duration::days(age_days);
        let male = self.rng.gen_bool(0.45);
        let name = self.name(male);
        let id_number = self.unique_id(birth, male);
        let age = self.today.year() - birth.year();
        let village = self.pick(VILLAGES);
        let address = format!(
            "城南镇{village}{}组{}号",
            self.rng.gen_range(1..12),
            self.rng.gen_range(1..80)
        );
        let in_home = !self.homes.is_empty() && self.rng.gen_bool(0.25);
        let nursing_home_id =
            in_home.then(|| self.homes[self.rng.gen_range(0..self.homes.len())].clone());
        let mut special = Vec::new();
        if age >= 80 {
            special.push(SpecialCategory::Gaoling);
        }
        for (cat, p) in [
            (SpecialCategory::Tekun, 0.03),
            (SpecialCategory::Dibao, 0.08),
            (SpecialCategory::Kongchao, 0.15),
        ] {
            if self.rng.gen_bool(p) {
                special.push(cat);
            }
        }
        let chronic = CONDITIONS
            .iter()
            .filter(|(_, p)| self.rng.gen_bool(*p))
            .map(|(c, _)| (*c).to_owned())
            .collect();
        let surname: String = name.chars().take(1).collect();
        let child_is_son = self.rng.gen_bool(0.5);
        let emergency_contact_name = format!(
            "{surname}{}",
            self.pick(if child_is_son {
                GIVEN_MALE
            } else {
                GIVEN_FEMALE
            })
        );
        ResidentInput {
            name,
            id_number,
            phone: if self.rng.gen_bool(0.7) {
                self.mobile()
            } else {
                String::new()
            },
            address: address.clone(),
            hukou_address: address,
            living_kind: if in_home {
                LivingKind::NursingHome
            } else {
                LivingKind::Home
            },
            room: if in_home {
                format!(
                    "{}{:02}",
                    self.rng.gen_range(1..4),
                    self.rng.gen_range(1..20)
                )
            } else {
                String::new()
            },
            bed: if in_home {
                self.rng.gen_range(1..4).to_string()
            } else {
                String::new()
            },
            nursing_home_id,
            emergency_contact_phone: self.mobile(),
            emergency_contact_name,
            medical_insurance: if self.rng.gen_bool(0.8) {
                MedicalInsurance::UrbanRuralResident
            } else {
                MedicalInsurance::Employee
            },
            ltc_insurance: self.rng.gen_bool(0.1),
            special_categories: special,
            chronic_conditions: chronic,
            allergies: if self.rng.gen_bool(0.05) {
                "青霉素".into()
            } else {
                String::new()
            },
            // Spread over villages so no 5-digit serial runs out even at 100k residents.
            village_code: self
                .pick(&[
                    "101", "102", "103", "104", "105", "106", "107", "108", "001", "002",
                ])
                .to_owned(),
            ..ResidentInput::default()
        }
    }
}

/// What [`seed_demo`] created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub nursing_homes: usize,
    pub residents: usize,
}

/// Sets up an empty data folder as the demo clinic, with its nursing homes, one account per
/// role and `residents` residents. Returns the store logged in as the admin `linxy`.
pub fn seed_demo(
    vault: &Vault,
    residents: usize,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<(Store, DemoSummary)> {
    let (mut store, _) = vault.set_up(&clinic_setup(), now, today)?;
    let ctx = store.ctx(now, today)?;
    let clinic = store.session()?.institution_id.clone();
    let mut first_home = None;
    for home in nursing_homes() {
        let home = store.create_institution(&ctx, &home)?;
        first_home.get_or_insert(home.id);
    }
    for (login, name, role) in DEMO_USERS {
        let institution_id = if *role == Role::CareHomeAdmin {
            first_home.clone().unwrap_or_default()
        } else {
            clinic.clone()
        };
        store.create_user(
            &ctx,
            &UserInput {
                login: (*login).into(),
                name: (*name).into(),
                role: Some(*role),
                institution_id,
                password: DEMO_PASSWORD.into(),
                password_again: DEMO_PASSWORD.into(),
            },
        )?;
    }
    seed_residents(&mut store, &ctx, residents, 2026)?;
    Ok((
        store,
        DemoSummary {
            nursing_homes: nursing_homes().len(),
            residents,
        },
    ))
}

/// Adds `count` generated residents (living in the store's nursing homes, if any) in batches of
/// 1,000, each one transaction.
pub fn seed_residents(store: &mut Store, ctx: &WriteCtx, count: usize, seed: u64) -> Result<()> {
    let homes = store
        .list_nursing_homes()?
        .into_iter()
        .map(|h| h.id)
        .collect();
    let mut generator = ResidentGenerator::new(seed, ctx.today, homes);
    let mut left = count;
    while left > 0 {
        let batch: Vec<ResidentInput> = (0..left.min(1000))
            .map(|_| generator.next_resident())
            .collect();
        left -= batch.len();
        store.create_residents_batch(ctx, &batch)?;
    }
    Ok(())
}
