/** A due state as a coloured letter (grid cells) or a tag (lists), with Rust's reason. */
import { Tag, Tooltip } from "antd";
import type { DueCell, DueState } from "../../../ipc";
import { DUE_STATE_LABELS, SERVICE_ITEM_LABELS } from "../../../shared/labels";
import { DUE_STATE_STYLE } from "../dueDisplay";

/** One cell of the home grid: `data-testid="due-<residentId>-<ITEM>"`, `data-state`. */
export function DueDot({ residentId, cell }: { residentId: string; cell: DueCell }) {
  const style = DUE_STATE_STYLE[cell.state];
  const title = (
    <span>
      {cell.item} {SERVICE_ITEM_LABELS[cell.item]}：{DUE_STATE_LABELS[cell.state]}
      {cell.reason ? <br /> : null}
      {cell.reason}
    </span>
  );
  return (
    <Tooltip title={title} mouseEnterDelay={0.2}>
      <span
        data-testid={`due-${residentId}-${cell.item}`}
        data-state={cell.state}
        aria-label={`${cell.item} ${DUE_STATE_LABELS[cell.state]}`}
        style={{
          display: "inline-flex",
          alignItems: "center",
          justifyContent: "center",
          width: 22,
          height: 22,
          borderRadius: 11,
          fontSize: 12,
          lineHeight: 1,
          color: cell.state === "not_applicable" ? "#8c8c8c" : "#fff",
          background: cell.state === "not_applicable" ? "transparent" : style.color,
          border: `1px solid ${style.color}`,
          cursor: "default",
        }}
      >
        {style.letter}
      </span>
    </Tooltip>
  );
}

/** A state as a tag: red 已逾期, blue 待完成, … */
export function DueTag({ state, testId }: { state: DueState; testId?: string }) {
  return (
    <Tag color={DUE_STATE_STYLE[state].tag} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {DUE_STATE_LABELS[state]}
    </Tag>
  );
}
