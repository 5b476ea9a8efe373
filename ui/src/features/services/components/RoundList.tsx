/** The left column of rounds mode: every resident in bed order with today's status. */
import { Typography } from "antd";
import { useEffect, useRef } from "react";
import type { RoundRow } from "../../../ipc";
import { roomBed } from "../dueDisplay";
import { roundStatus } from "../rounds";
import { DueTag } from "./DueBadge";

export interface RoundListProps {
  rows: readonly RoundRow[];
  current: number;
  onSelect: (index: number) => void;
}

function StatusMark({ row }: { row: RoundRow }) {
  const status = roundStatus(row);
  if (status === "recorded") return <span style={{ color: "#389e0d", fontWeight: 600 }}>✓</span>;
  if (status === "absent") return <span style={{ color: "#d46b08" }}>未见</span>;
  return <DueTag state={row.due.state} />;
}

export function RoundList({ rows, current, onSelect }: RoundListProps) {
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`);
    if (el && typeof el.scrollIntoView === "function") el.scrollIntoView({ block: "nearest" });
  }, [current]);

  return (
    <div
      ref={listRef}
      data-testid="round-list"
      role="listbox"
      aria-label="巡诊名单"
      style={{ overflowY: "auto", maxHeight: "calc(100vh - 220px)", border: "1px solid #f0f0f0", borderRadius: 6 }}
    >
      {rows.map((r, i) => {
        const selected = i === current;
        return (
          <div
            key={r.residentId}
            data-index={i}
            data-testid={`round-row-${r.residentId}`}
            data-status={roundStatus(r)}
            data-current={selected ? "true" : undefined}
            role="option"
            aria-selected={selected}
            onClick={() => onSelect(i)}
            style={{
              display: "flex",
              alignItems: "center",
              gap: 8,
              padding: "4px 10px",
              cursor: "pointer",
              background: selected ? "#e6f4ff" : undefined,
              borderLeft: `3px solid ${selected ? "#1677ff" : "transparent"}`,
              borderBottom: "1px solid #f5f5f5",
            }}
          >
            <Typography.Text type="secondary" style={{ width: 64, fontSize: 12, flex: "none" }} ellipsis>
              {roomBed(r.room, r.bed)}
            </Typography.Text>
            <Typography.Text strong={selected} style={{ flex: 1, minWidth: 0 }} ellipsis>
              {r.name}
            </Typography.Text>
            <StatusMark row={r} />
          </div>
        );
      })}
    </div>
  );
}
