/** Rows as Rust sends them, for the services tests. */
import type { CareRecord, DueCell, RoundRow, TaskRow } from "../../../ipc";

export function dueCell(overrides: Partial<DueCell> = {}): DueCell {
  return {
    item: "S1",
    state: "due",
    reason: "上次巡诊已超过 7 天",
    lastDone: null,
    dueBy: "2025-03-10",
    countThisYear: 0,
    ...overrides,
  };
}

export function roundRecord(residentId: string, overrides: Partial<CareRecord> = {}): CareRecord {
  return {
    id: `rec-${residentId}`,
    residentId,
    item: "S1",
    occurredOn: "2025-03-08",
    place: "城关镇敬老院",
    summary: "巡诊：血压 132/84 mmHg，脉搏 72 次/分",
    detail: {
      kind: "round",
      detail: {
        vitals: { systolic: 132, diastolic: 84, pulse: 72, glucose: null, flags: [] },
        note: "",
      },
    },
    recordedBy: "u-1",
    recordedByName: "林晓燕",
    recordedAt: "2025-03-08T02:00:00Z",
    supersedes: null,
    correctionReason: "",
    supersededBy: null,
    ...overrides,
  };
}

export function absenceRecord(residentId: string): CareRecord {
  return roundRecord(residentId, {
    item: null,
    summary: "巡诊未见：外出",
    detail: { kind: "round_absence", detail: { reason: "away", note: "" } },
  });
}

export function roundRow(residentId: string, overrides: Partial<RoundRow> = {}): RoundRow {
  return {
    residentId,
    name: `居民${residentId}`,
    room: "101",
    bed: "1",
    age: 80,
    sex: "female",
    disability: "moderate",
    due: dueCell(),
    today: null,
    ...overrides,
  };
}

export function taskRow(overrides: Partial<TaskRow> = {}): TaskRow {
  return {
    residentId: "r-1",
    name: "张三",
    nursingHomeName: "城关镇敬老院",
    room: "101",
    bed: "1",
    cell: dueCell(),
    ...overrides,
  };
}
