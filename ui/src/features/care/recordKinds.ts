/**
 * The kinds of entry a person can add or correct, the 新增记录 menu, and who may act on which
 * entry. Which 7+3+4 item an entry counts for is Rust's (the stored `item`); nothing here decides it.
 */
import type { CareRecord, Permission, RecordInputDetail, Scale } from "../../ipc";
import { RECORD_KIND_LABELS, SCALE_LABELS } from "./careLabels";

/** A kind of entry that has a form (every input kind; `void` is made by 作废, not by a form). */
export type RecordKind = RecordInputDetail["kind"];

/** What the drawer's form is for: a kind, and for an assessment its scale. */
export type FormTarget = { kind: Exclude<RecordKind, "assessment"> } | { kind: "assessment"; scale: Scale };

/** The seven scales, in the order the menu lists them. */
export const SCALES: readonly Scale[] = [
  "self_care",
  "ability",
  "barthel",
  "phq9",
  "gds15",
  "mini_cog",
  "tcm_constitution",
];


export interface KindMenuEntry {
  /** Stable key: the kind, or `assessment:<scale>`. */
  key: string;
  label: string;
  target?: FormTarget;
  children?: KindMenuEntry[];
}

function entry(kind: Exclude<RecordKind, "assessment">): KindMenuEntry {
  return { key: kind, label: RECORD_KIND_LABELS[kind], target: { kind } };
}

/** The stable menu key of a target. */
export function targetKey(t: FormTarget): string {
  return t.kind === "assessment" ? `assessment:${t.scale}` : t.kind;
}

/** Whether entries of `kind` need the 开具处方 permission (Rust refuses them anyway). */
export function needsPrescriber(kind: RecordKind | "void"): boolean {
  return kind === "long_prescription";
}

/**
 * The 新增记录 menu. 慢性病长处方 is listed only for someone who may sign prescriptions. 巡诊未见
 * is recorded from the round sheet, so it is not offered here (it can still be corrected). 居家照护
 * (plans, deliveries, family beds) is offered for people living at home.
 */
export function kindMenu(canSignPrescriptions: boolean, atHome = false): KindMenuEntry[] {
  const menu: (KindMenuEntry | null)[] = [
    entry("health_check"),
    {
      key: "assessment",
      label: RECORD_KIND_LABELS.assessment,
      children: SCALES.map((scale) => ({
        key: `assessment:${scale}`,
        label: SCALE_LABELS[scale],
        target: { kind: "assessment", scale },
      })),
    },
    entry("health_plan"),
    canSignPrescriptions ? entry("long_prescription") : null,
    entry("psych_intervention"),
    entry("rehab_guidance"),
    entry("consultation"),
    entry("referral"),
    entry("specialist_booking"),
    entry("round"),
    entry("bedside_visit"),
    { key: "nursing", label: "护理康复计划/服务", children: [entry("nursing_plan"), entry("nursing_visit")] },
    { key: "hospice", label: "安宁疗护计划/服务", children: [entry("hospice_plan"), entry("hospice_visit")] },
    // Home-care entries are for people living at home (Rust refuses them for a home's resident).
    atHome
      ? {
          key: "home_care",
          label: "居家照护",
          children: [
            entry("home_care_plan"),
            entry("home_service"),
            entry("family_bed"),
            entry("bed_visit"),
            entry("family_bed_end"),
          ],
        }
      : null,
  ];
  return menu.filter((m): m is KindMenuEntry => m !== null);
}

/** Every target of the menu by its key. */
export function menuTargets(menu: readonly KindMenuEntry[]): Map<string, FormTarget> {
  const out = new Map<string, FormTarget>();
  const walk = (entries: readonly KindMenuEntry[]) => {
    for (const e of entries) {
      if (e.target) out.set(e.key, e.target);
      if (e.children) walk(e.children);
    }
  };
  walk(menu);
  return out;
}

/** The form that corrects `record`; none for a 作废 entry. */
export function targetOfRecord(record: CareRecord): FormTarget | null {
  const d = record.detail;
  if (d.kind === "void") return null;
  if (d.kind === "assessment") return { kind: "assessment", scale: d.detail.answers.scale };
  return { kind: d.kind };
}

/** A current entry: neither replaced by a correction nor itself a 作废 entry. */
export function isCurrent(record: CareRecord): boolean {
  return record.supersededBy === null && record.detail.kind !== "void";
}

/** Whether 更正 / 作废 are offered on `record` for a session with these permissions. */
export function canChange(record: CareRecord, can: (p: Permission) => boolean): boolean {
  if (!isCurrent(record) || !can("record_care")) return false;
  return !needsPrescriber(record.detail.kind) || can("sign_prescriptions");
}

/** The entry's kind as a title, e.g. `评估量表 · PHQ-9 抑郁筛查量表`. */
export function recordTitle(record: CareRecord): string {
  const d = record.detail;
  if (d.kind === "assessment") return `${RECORD_KIND_LABELS.assessment} · ${SCALE_LABELS[d.detail.answers.scale]}`;
  return RECORD_KIND_LABELS[d.kind];
}

/** The drawer's title for a target. */
export function targetTitle(t: FormTarget): string {
  return t.kind === "assessment" ? SCALE_LABELS[t.scale] : RECORD_KIND_LABELS[t.kind];
}
