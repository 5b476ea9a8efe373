//! Fixtures for tests and benchmarks here and in other crates: a realistic three-page
//! 医养服务合作协议 and plausible handwritten-signature PNGs. Not used by the app itself.

use chrono::NaiveDate;

use crate::{qr_payload, Clause, Document, Field, Party, Signatory};

/// The sample's number.
pub const SAMPLE_NUMBER: &str = "XY2026-001";
/// 甲方 of the sample; 𠮷 (U+20BB7) lies outside the BMP.
pub const SAMPLE_CLINIC: &str = "𠮷祥镇中心卫生院";
/// 乙方 of the sample.
pub const SAMPLE_CARE_HOME: &str = "𠮷祥镇福寿康养老服务中心";
/// The two representatives who sign.
pub const SAMPLE_SIGNERS: [&str; 2] = ["张建国", "李秀英"];

/// A signed cooperation agreement between a township clinic and a care home: three A4 pages,
/// two parties, twelve clauses, two drawn signatures and the QR payload.
pub fn sample_agreement() -> Document {
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let field = |label: &str, value: &str| Field {
        label: label.into(),
        value: value.into(),
    };
    let mut doc = Document {
        title: "医养服务合作协议".into(),
        number: SAMPLE_NUMBER.into(),
        draft_mark: None,
        parties: vec![
            Party {
                role: "甲方（医疗机构）".into(),
                lines: vec![
                    field("名称", SAMPLE_CLINIC),
                    field("统一社会信用代码", "12350181MB1A23456K"),
                    field("医疗机构执业许可证登记号", "PDY00001-235018117D2102"),
                    field("地址", "福建省福州市闽清县𠮷祥镇人民路 18 号"),
                    field("联系电话", "0591-22345678"),
                ],
            },
            Party {
                role: "乙方（养老机构）".into(),
                lines: vec![
                    field("名称", SAMPLE_CARE_HOME),
                    field("统一社会信用代码", "52350181MJB123456P"),
                    field("养老机构备案回执编号", "闽民养备〔2026〕018 号"),
                    field("地址", "福建省福州市闽清县𠮷祥镇溪口村福寿路 6 号（原𠮷祥小学旧址东侧）"),
                    field("联系电话", "13905912345"),
                ],
            },
        ],
        preamble: vec![
            "为贯彻落实国家关于推进医疗卫生与养老服务相结合的有关要求，提升入住老年人的健康服务水平，\
             甲乙双方本着平等自愿、优势互补、互惠互利的原则，经友好协商，就医养结合服务合作事宜达成如下协议，\
             以资共同遵守。"
                .into(),
        ],
        clauses: clauses(),
        closing: vec![
            "本协议未尽事宜，由双方协商一致后签订补充协议；补充协议与本协议具有同等法律效力。".into(),
            "本协议一式两份，甲乙双方各执一份，具有同等法律效力，自双方代表人签字（盖章）之日起生效。".into(),
        ],
        signatories: vec![
            Signatory {
                role: "甲方（盖章）".into(),
                name_label: "代表人".into(),
                name: SAMPLE_SIGNERS[0].into(),
                signature_png: Some(sample_signature_png(1)),
                date: Some(day),
            },
            Signatory {
                role: "乙方（盖章）".into(),
                name_label: "代表人".into(),
                name: SAMPLE_SIGNERS[1].into(),
                signature_png: Some(sample_signature_png(2)),
                date: Some(day),
            },
        ],
        qr_payload: None,
        issued_on: day,
    };
    doc.qr_payload = Some(qr_payload(&doc.number, &doc.content_hash()));
    doc
}

fn clauses() -> Vec<Clause> {
    let clause = |title: &str, paragraphs: &[&str]| Clause {
        title: title.into(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
    };
    vec![
        clause("合作目的", &[
            "双方建立稳定的医养结合合作关系，由甲方为乙方入住老年人提供基本医疗、健康管理、康复指导和急诊转诊等服务，\
             乙方为甲方开展服务提供场地、人员配合和必要的生活照护保障，共同为老年人提供连续、便捷、安全的健康服务。",
        ]),
        clause("服务对象", &[
            "本协议的服务对象为在乙方登记入住、并在签约时自愿接受甲方健康服务的老年人（以下简称“入住老人”）。\
             乙方应于每月 5 日前向甲方提供入住老人名单及变动情况，名单以双方确认的书面或电子记录为准。",
        ]),
        clause("服务内容", &[
            "（一）巡诊服务：甲方每周安排执业医师和护士到乙方巡诊不少于 2 次，每次不少于 3 小时，为入住老人提供常见病、多发病的诊疗和用药指导。",
            "（二）健康管理：甲方为入住老人建立或更新居民健康档案，每年开展 1 次健康体检，对高血压、糖尿病等慢性病患者实施规范化管理，并将结果书面告知本人或其监护人。",
            "（三）康复与护理指导：甲方对乙方护理人员开展康复护理、失能照护、安全用药等培训，每季度不少于 1 次，并提供现场技术指导。",
            "（四）急诊与转诊：入住老人突发急症时，乙方应立即通知甲方并拨打急救电话；甲方接到通知后 30 分钟内派员到场处置，需要转诊的，通过“绿色通道”优先安排转至上级医院。",
            "（五）中医药服务：甲方根据入住老人需要提供中医体质辨识、针灸、推拿、艾灸等适宜技术服务。",
        ]),
        clause("甲方的权利和义务", &[
            "甲方应当具备相应的医疗机构执业资格，派出的医务人员应当具有合法执业资格，并严格遵守诊疗规范、操作规程和医疗质量安全管理制度。",
            "甲方有权了解入住老人的健康状况和服务需求，有权对乙方配合工作中存在的问题提出改进意见。",
        ]),
        clause("乙方的权利和义务", &[
            "乙方应当为甲方提供独立的诊疗室（面积不少于 15 平方米）及必要的水电、网络等条件，安排专人负责联络协调，并配合甲方做好入住老人的健康教育和随访工作。",
            "乙方有权监督甲方的服务质量，对服务中存在的问题有权要求甲方及时整改。",
        ]),
        clause("费用与结算", &[
            "基本公共卫生服务项目及家庭医生签约服务费用按国家和当地有关规定执行。甲方提供的基本医疗服务，按照医疗服务价格和医保政策收费，\
             由入住老人或其监护人承担；巡诊交通等运行费用由乙方按每月人民币 2000 元（大写：贰仟元整）支付给甲方，于次月 10 日前结清。",
        ]),
        clause("医疗安全", &[
            "甲方对其医务人员的医疗行为承担责任；因乙方未及时通知、未按医嘱照护或提供虚假信息造成的损害，由乙方承担相应责任。\
             双方应当建立突发事件应急处置预案，每年至少联合演练 1 次。",
        ]),
        clause("信息与隐私保护", &[
            "双方对在合作中知悉的入住老人个人信息和健康信息负有保密义务，未经本人或其监护人同意，不得向任何第三方提供，法律法规另有规定的除外。\
             本条义务在本协议终止后继续有效。",
        ]),
        clause("协议期限", &[
            "本协议有效期为一年，自 2026-12-01 起至 2027-11-30 止。期满前 30 日内任何一方未提出书面异议的，本协议自动续期一年。",
        ]),
        clause("违约责任", &[
            "任何一方违反本协议约定的，应当承担违约责任，并赔偿由此给对方造成的损失。一方连续两次未按约定履行主要义务，经书面催告后 15 日内仍未改正的，\
             另一方有权书面通知解除本协议。",
        ]),
        clause("争议解决", &[
            "因本协议引起的或与本协议有关的争议，双方应友好协商解决；协商不成的，任何一方均可向甲方所在地人民法院提起诉讼。",
        ]),
        clause("其他", &[
            "本协议附件《入住老人名单》《巡诊排班表》为本协议不可分割的组成部分。",
        ]),
    ]
}

/// A plausible handwritten signature: a transparent 600×240 RGBA PNG with a looping dark-blue
/// stroke and an underline flourish; `seed` varies the shape.
pub fn sample_signature_png(seed: u64) -> Vec<u8> {
    encode_png(600, 240, &scribble(600, 240, seed)).unwrap_or_default()
}

fn scribble(width: usize, height: usize, seed: u64) -> Vec<u8> {
    let mut alpha = vec![0u8; width * height];
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng >> 11) as f32 / (1u64 << 53) as f32
    };
    let loops = 4.0 + (next() * 3.0).floor();
    let phase = next() * std::f32::consts::TAU;
    let slant = 0.25 + next() * 0.2;
    let tau = std::f32::consts::TAU;
    let steps = 3000;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let envelope = 0.55 + 0.45 * (tau * t * 0.7 + phase).sin().abs();
        let dy = 60.0 * envelope * (tau * loops * t).sin();
        let x = 50.0 + 480.0 * t + 28.0 * (tau * loops * t).cos() + slant * dy;
        let y = 110.0 + dy + 12.0 * (tau * 1.3 * t + phase).sin();
        stamp(&mut alpha, width, height, x, y, 3.2);
    }
    // The underline flourish.
    for i in 0..=800 {
        let t = i as f32 / 800.0;
        let x = 70.0 + 470.0 * t;
        let y = 200.0 - 14.0 * (std::f32::consts::PI * t).sin() + 4.0 * t;
        stamp(&mut alpha, width, height, x, y, 2.2);
    }
    let ink = [24u8, 36, 96];
    alpha
        .iter()
        .flat_map(|&a| {
            if a == 0 {
                [0, 0, 0, 0]
            } else {
                [ink[0], ink[1], ink[2], a]
            }
        })
        .collect()
}

/// An anti-aliased disc of radius `r` at (cx, cy), kept where it is darker than what is there.
fn stamp(alpha: &mut [u8], width: usize, height: usize, cx: f32, cy: f32, r: f32) {
    let x0 = (cx - r - 1.0).floor().max(0.0) as usize;
    let y0 = (cy - r - 1.0).floor().max(0.0) as usize;
    let x1 = ((cx + r + 1.0).ceil() as usize).min(width.saturating_sub(1));
    let y1 = ((cy + r + 1.0).ceil() as usize).min(height.saturating_sub(1));
    for y in y0..=y1 {
        for x in x0..=x1 {
            let d = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
            let coverage = (r + 0.5 - d).clamp(0.0, 1.0);
            let a = (coverage * 255.0) as u8;
            let p = &mut alpha[y * width + x];
            *p = (*p).max(a);
        }
    }
}

fn encode_png(width: usize, height: usize, rgba: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let (w, h) = (
        u32::try_from(width).unwrap_or(u32::MAX),
        u32::try_from(height).unwrap_or(u32::MAX),
    );
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(out)
}
