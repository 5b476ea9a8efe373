//! Chinese labels of scales, disability grades and 中医体质 types and verdicts, for results,
//! messages and the UI.
use yiyang_protocol::{DisabilityGrade, Scale, TcmConstitution, TcmVerdict};

/// Chinese name of a scale.
pub fn scale_label(scale: Scale) -> &'static str {
    match scale {
        Scale::SelfCare => "老年人生活自理能力评估表",
        Scale::TcmConstitution => "中医体质辨识",
        Scale::Phq9 => "PHQ-9 抑郁筛查量表",
        Scale::Gds15 => "GDS-15 老年抑郁量表",
        Scale::MiniCog => "Mini-Cog 简易认知评估",
        Scale::Barthel => "Barthel 日常生活活动能力评定",
        Scale::Ability => "老年人能力评估",
    }
}

pub fn grade_label(grade: DisabilityGrade) -> &'static str {
    match grade {
        DisabilityGrade::Intact => "能力完好",
        DisabilityGrade::Mild => "轻度失能",
        DisabilityGrade::Moderate => "中度失能",
        DisabilityGrade::Severe => "重度失能",
        DisabilityGrade::Total => "能力完全丧失",
    }
}

pub fn tcm_constitution_label(c: TcmConstitution) -> &'static str {
    match c {
        TcmConstitution::Pinghe => "平和质",
        TcmConstitution::Qixu => "气虚质",
        TcmConstitution::Yangxu => "阳虚质",
        TcmConstitution::Yinxu => "阴虚质",
        TcmConstitution::Tanshi => "痰湿质",
        TcmConstitution::Shire => "湿热质",
        TcmConstitution::Xueyu => "血瘀质",
        TcmConstitution::Qiyu => "气郁质",
        TcmConstitution::Tebing => "特禀质",
    }
}

pub fn tcm_verdict_label(v: TcmVerdict) -> &'static str {
    match v {
        TcmVerdict::Yes => "是",
        TcmVerdict::Tendency => "倾向是",
        TcmVerdict::Basic => "基本是",
        TcmVerdict::No => "否",
    }
}
