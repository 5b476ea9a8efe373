/**
 * Stored entries as people read them: the lines of a detail, and who corrected or voided an entry.
 * Values, flags and normal ranges are shown as Rust stored them.
 */
import { formatCents } from "../contracts/money";
import type { CareRecord, Frequency, HealthFlag, RecordDetail } from "../../ipc";
import { formatDateTime } from "../../shared/format";
import { ABSENCE_REASON_LABELS } from "../../shared/labels";
import {
  BED_LEVEL_LABELS,
  CONFIRMATION_LABELS,
  PAYER_LABELS,
  SERVICE_UNIT_LABELS,
  quantityText,
} from "../homecare/homeCareLabels";
import { FREQUENCY_UNIT_LABELS } from "./careLabels";

export interface DetailLine {
  label: string;
  value: string;
  /** Set when Rust flagged the value as outside its normal range. */
  flag?: HealthFlag;
}

/** `每周一次`, `每 2 周一次`, `每 3 个月一次`. */
export function frequencyText(f: Frequency | null): string {
  if (!f) return "";
  const unit = FREQUENCY_UNIT_LABELS[f.unit];
  if (f.every === 1) return `每${unit}一次`;
  return `每 ${f.every} ${f.unit === "month" ? "个月" : unit}一次`;
}

const line = (label: string, value: string | null | undefined, flag?: HealthFlag): DetailLine[] =>
  value === null || value === undefined || value.trim() === "" ? [] : [{ label, value, flag }];

/**
 * The lines of a detail other than a health check or an assessment (those have their own views);
 * blank values are left out.
 */
export function detailLines(detail: RecordDetail): DetailLine[] {
  switch (detail.kind) {
    case "health_plan":
      return [
        ...line("主要健康问题", detail.detail.problems),
        ...line("管理目标", detail.detail.goals),
        ...line("干预措施", detail.detail.measures),
      ];
    case "long_prescription":
      return [
        ...line("诊断", detail.detail.diagnosis),
        ...detail.detail.drugs.flatMap((d, i) =>
          line(`药品 ${i + 1}`, [d.name, d.dose, d.usage].filter((x) => x.trim() !== "").join("　")),
        ),
        ...line("处方周数", `${detail.detail.weeks} 周`),
        ...line("用药至", detail.detail.until),
      ];
    case "psych_intervention":
    case "rehab_guidance":
    case "consultation":
    case "nursing_visit":
    case "hospice_visit":
      return line("记录内容", detail.detail.note);
    case "referral":
      return [...line("转诊去向", detail.detail.destination), ...line("转诊原因", detail.detail.reason)];
    case "specialist_booking":
      return [
        ...line("医院", detail.detail.hospital),
        ...line("科室/专家", detail.detail.department),
        ...line("预约日期", detail.detail.appointmentOn),
        ...line("备注", detail.detail.note),
      ];
    case "round": {
      const v = detail.detail.vitals;
      const flag = (field: string) => v.flags.find((f) => f.field === field);
      return [
        ...line("收缩压", `${v.systolic} mmHg`, flag("systolic")),
        ...line("舒张压", `${v.diastolic} mmHg`, flag("diastolic")),
        ...line("脉搏", `${v.pulse} 次/分`, flag("pulse")),
        ...line("血糖", v.glucose === null ? null : `${v.glucose} mmol/L`, flag("glucose")),
        ...line("备注", detail.detail.note),
      ];
    }
    case "round_absence":
      return [...line("原因", ABSENCE_REASON_LABELS[detail.detail.reason]), ...line("备注", detail.detail.note)];
    case "bedside_visit":
      return [...line("出诊原因", detail.detail.reason), ...line("备注", detail.detail.note)];
    case "nursing_plan":
    case "hospice_plan":
      return [...line("计划内容", detail.detail.content), ...line("频次", frequencyText(detail.detail.frequency))];
    case "void":
      return line("作废原因", detail.detail.reason);
    case "home_care_plan":
      return [
        ...detail.detail.services.flatMap((x, i) =>
          line(
            `服务 ${i + 1}`,
            [x.serviceName, frequencyText(x.frequency), x.provider].filter((t) => t.trim() !== "").join("　"),
          ),
        ),
        ...line("备注", detail.detail.note),
      ];
    case "home_service": {
      const d = detail.detail;
      return [
        ...line("服务项目", d.serviceName),
        ...line("数量", `${quantityText(d.quantityCenti)} ${SERVICE_UNIT_LABELS[d.unit]}`),
        ...line("时长", d.minutes === null ? null : `${d.minutes} 分钟`),
        ...line("单价", `${formatCents(d.unitPriceCents)}/${SERVICE_UNIT_LABELS[d.unit]}`),
        ...line("金额", formatCents(d.amountCents)),
        ...line("付费方式", PAYER_LABELS[d.payer]),
        ...line("服务人员", d.provider),
        ...line("确认", `${CONFIRMATION_LABELS[d.confirmation]}${d.confirmedBy ? `（${d.confirmedBy}）` : ""}`),
        ...line("备注", d.note),
      ];
    }
    case "family_bed":
      return [
        ...line("床位地址", detail.detail.address),
        ...line("服务等级", BED_LEVEL_LABELS[detail.detail.level]),
        ...line("管理服务机构", detail.detail.centre),
        ...line("适老化改造", detail.detail.adaptations),
        ...line("设备", detail.detail.devices),
      ];
    case "family_bed_end":
      return line("撤销原因", detail.detail.reason);
    case "bed_visit":
      return [...line("服务人员", detail.detail.provider), ...line("巡访情况", detail.detail.findings)];
    case "health_check":
    case "assessment":
      return [];
  }
}

/** A flag as a short note: `↑ 正常范围 90–139 mmHg`. */
export function flagNote(flag: HealthFlag): string {
  return `${flag.direction === "high" ? "↑" : "↓"} 正常范围 ${flag.normalRange}`;
}

/**
 * What happened to a replaced entry, from the list it is in: `已由 王医生 于 2025-03-02 10:00 更正：
 * 血压抄错`, or 作废. The replacing entry may be outside the list (filtered by item).
 */
export function replacementNote(record: CareRecord, all: readonly CareRecord[]): string | null {
  if (record.supersededBy === null) return null;
  const by = all.find((r) => r.id === record.supersededBy);
  if (!by) return "已被更正或作废";
  const action = by.detail.kind === "void" ? "作废" : "更正";
  const reason = by.correctionReason.trim();
  return `已由 ${by.recordedByName} 于 ${formatDateTime(by.recordedAt)} ${action}${reason ? `：${reason}` : ""}`;
}
