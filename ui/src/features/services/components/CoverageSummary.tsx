/** Per item: how many of the residents it applies to have it done, as small progress bars. */
import { Progress, Tooltip, Typography } from "antd";
import type { ItemCoverage } from "../../../ipc";
import { SERVICE_ITEM_LABELS } from "../../../shared/labels";
import { coveragePercent } from "../dueDisplay";
import { SERVICE_ITEMS } from "../../../shared/labels";

export function CoverageSummary({ coverage }: { coverage: readonly ItemCoverage[] }) {
  const byItem = new Map(coverage.map((c) => [c.item, c]));
  return (
    <div
      data-testid="home-coverage"
      style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))", gap: "6px 20px" }}
    >
      {SERVICE_ITEMS.map((item) => {
        const c = byItem.get(item);
        if (!c) return null;
        const pct = coveragePercent(c);
        return (
          <div key={item} data-testid={`coverage-${item}`} data-done={c.done} data-applicable={c.applicable}>
            <Tooltip title={SERVICE_ITEM_LABELS[item]}>
              <Typography.Text style={{ fontSize: 12 }} ellipsis>
                <Typography.Text strong style={{ fontSize: 12 }}>
                  {item}
                </Typography.Text>{" "}
                {SERVICE_ITEM_LABELS[item]}
              </Typography.Text>
            </Tooltip>
            <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
              <Progress
                percent={pct ?? 0}
                size="small"
                showInfo={false}
                status={pct === null ? "normal" : pct >= 100 ? "success" : "active"}
                strokeColor={pct === null ? "#d9d9d9" : undefined}
                style={{ flex: 1, margin: 0 }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap", minWidth: 76 }}>
                {pct === null ? "不适用" : `${c.done}/${c.applicable} · ${pct}%`}
              </Typography.Text>
            </div>
          </div>
        );
      })}
    </div>
  );
}
