/** The 7+3+4 grid: one small card per item, coloured by the state Rust computed. */
import { Tooltip, Typography } from "antd";
import type { DueCell, ServiceItem } from "../../../ipc";
import { DUE_STATE_LABELS, SERVICE_ITEM_LABELS } from "../../../shared/labels";
import { DUE_ROWS, DUE_STATE_STYLES, cellsByItem } from "../dueGrid";

export interface DueGridProps {
  cells: readonly DueCell[];
  selected: ServiceItem | null;
  onSelect: (item: ServiceItem) => void;
}

export function DueGrid({ cells, selected, onSelect }: DueGridProps) {
  const byItem = cellsByItem(cells);
  return (
    <div data-testid="due-grid">
      {DUE_ROWS.map((row, r) => (
        <div key={r} style={{ display: "flex", gap: 16, marginBottom: 12, flexWrap: "wrap" }}>
          {row.map((group) => (
            <div key={group.title} style={{ flex: group.items.length, minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {group.title}
              </Typography.Text>
              <div
                style={{
                  display: "grid",
                  gridTemplateColumns: `repeat(${group.items.length}, minmax(96px, 1fr))`,
                  gap: 8,
                  marginTop: 4,
                }}
              >
                {group.items.map((item) => (
                  <Cell
                    key={item}
                    item={item}
                    cell={byItem.get(item)}
                    selected={selected === item}
                    onSelect={onSelect}
                  />
                ))}
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

interface CellProps {
  item: ServiceItem;
  cell: DueCell | undefined;
  selected: boolean;
  onSelect: (item: ServiceItem) => void;
}

function Cell({ item, cell, selected, onSelect }: CellProps) {
  const state = cell?.state ?? "not_applicable";
  const style = DUE_STATE_STYLES[state];
  const muted = state === "not_applicable";
  const card = (
    <div
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      data-testid={`due-cell-${item}`}
      data-state={cell?.state ?? ""}
      onClick={() => onSelect(item)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onSelect(item);
        }
      }}
      style={{
        cursor: "pointer",
        padding: "6px 8px",
        borderRadius: 6,
        background: style.background,
        border: `${selected ? 2 : 1}px solid ${selected ? "#1677ff" : style.border}`,
        minHeight: 64,
        opacity: muted ? 0.75 : 1,
      }}
    >
      <div style={{ display: "flex", justifyContent: "space-between", gap: 4 }}>
        <Typography.Text strong type={muted ? "secondary" : undefined}>
          {item}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 12 }} type={muted ? "secondary" : undefined}>
          {cell ? DUE_STATE_LABELS[cell.state] : "—"}
        </Typography.Text>
      </div>
      <Typography.Text style={{ fontSize: 12, lineHeight: 1.3, display: "block" }} type={muted ? "secondary" : undefined}>
        {SERVICE_ITEM_LABELS[item]}
      </Typography.Text>
    </div>
  );
  return cell?.reason ? <Tooltip title={cell.reason}>{card}</Tooltip> : card;
}
