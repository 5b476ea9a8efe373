/**
 * Chinese labels of the home-care enums. Typed `Record<Enum, string>`, so tsc fails when Rust adds
 * a value and no label. The wording matches Rust's own (domain/src/homecare).
 */
import type { BedLevel, CareLevel, Confirmation, EntitledGroup, Payer, ServiceUnit } from "../../ipc";

export const SERVICE_UNIT_LABELS: Record<ServiceUnit, string> = { visit: "次", hour: "小时", meal: "餐" };

export const PAYER_LABELS: Record<Payer, string> = {
  self_paid: "自费",
  government: "政府购买",
  long_term_care: "长护险",
};

export const ENTITLED_GROUP_LABELS: Record<EntitledGroup, string> = {
  tekun: "特困",
  dibao: "低保",
  gaoling: "高龄",
  disabled: "失能",
};

export const BED_LEVEL_LABELS: Record<BedLevel, string> = {
  managed24h: "24 小时照护",
  ordinary: "普通居家照护",
};

export const CARE_LEVEL_LABELS: Record<CareLevel, string> = {
  none: "无需照护",
  level1: "照护一级",
  level2: "照护二级",
  level3: "照护三级",
  level4: "照护四级",
};

export const CONFIRMATION_LABELS: Record<Confirmation, string> = {
  person: "本人签字确认",
  family: "家属确认",
  none: "未确认",
};

/** Hundredths of a unit as the shortest decimal: 150 → "1.5". */
export function quantityText(centi: number): string {
  return String(centi / 100);
}
