import { Tag } from "antd";
import type { ResidentStatus } from "../../../ipc";
import { RESIDENT_STATUS_LABELS } from "../../../shared/labels";

const COLORS: Record<ResidentStatus, string> = {
  active: "green",
  moved: "orange",
  deceased: "default",
};

export function StatusTag({ status }: { status: ResidentStatus }) {
  return <Tag color={COLORS[status]}>{RESIDENT_STATUS_LABELS[status]}</Tag>;
}
