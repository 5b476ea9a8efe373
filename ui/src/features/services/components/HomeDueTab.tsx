/** 养老机构: one home's 7+3+4 grid for a year, with coverage per item. */
import { Alert, Button, Card, DatePicker, Empty, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useNavigate } from "react-router-dom";
import type { Institution } from "../../../ipc";
import { useCan } from "../../../app/SessionContext";
import { DUE_STATE_LABELS } from "../../../shared/labels";
import { DUE_STATE_STYLE } from "../dueDisplay";
import { useHomeDue } from "../hooks/useHomeDue";
import { roundsPath } from "../servicesParams";
import { CoverageSummary } from "./CoverageSummary";
import { HomeDueGrid } from "./HomeDueGrid";
import { HomeSelect } from "./HomeSelect";

export interface HomeDueTabProps {
  homes: readonly Institution[];
  homesLoading: boolean;
  homeId: string | null;
  year: number;
  onHomeChange: (homeId: string) => void;
  onYearChange: (year: number) => void;
}

function Legend() {
  return (
    <Space size={12} wrap style={{ fontSize: 12 }}>
      {(Object.keys(DUE_STATE_STYLE) as (keyof typeof DUE_STATE_STYLE)[]).map((s) => (
        <span key={s}>
          <span style={{ color: DUE_STATE_STYLE[s].color, fontWeight: 600 }}>{DUE_STATE_STYLE[s].letter}</span>{" "}
          {DUE_STATE_LABELS[s]}
        </span>
      ))}
    </Space>
  );
}

export function HomeDueTab({ homes, homesLoading, homeId, year, onHomeChange, onYearChange }: HomeDueTabProps) {
  const navigate = useNavigate();
  const canRecord = useCan("record_care");
  const { due, current, loading, error, reload } = useHomeDue(homeId, year);

  return (
    <div data-testid="home-due">
      <Space wrap style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }}>
        <Space wrap>
          <HomeSelect
            homes={homes}
            loading={homesLoading}
            value={homeId}
            onChange={onHomeChange}
            testId="home-due-select"
          />
          <DatePicker
            picker="year"
            allowClear={false}
            data-testid="home-due-year"
            value={dayjs().year(year).startOf("year")}
            onChange={(d) => d && onYearChange(d.year())}
          />
        </Space>
        {canRecord && homeId && (
          <Button type="primary" data-testid="home-due-start-rounds" onClick={() => navigate(roundsPath(homeId))}>
            开始巡诊
          </Button>
        )}
      </Space>

      {!homeId ? (
        <Empty description={homes.length === 0 && !homesLoading ? "没有登记的养老机构" : "请选择养老机构"} />
      ) : error ? (
        <Alert
          type="error"
          showIcon
          message="无法读取该机构的服务完成情况"
          description={error.message}
          action={<Button onClick={reload}>重试</Button>}
        />
      ) : (
        <>
          <Card
            size="small"
            title={
              <span>
                服务覆盖 {due && current ? `· ${due.nursingHomeName} · ${due.year} 年` : ""}
              </span>
            }
            style={{ marginBottom: 16 }}
            loading={!due}
          >
            {due && <CoverageSummary coverage={due.coverage} />}
          </Card>
          <Space style={{ marginBottom: 8, width: "100%", justifyContent: "space-between" }} wrap>
            <Typography.Text type="secondary">
              {due ? `在住居民 ${due.rows.length} 人，按房间床位排序；悬停查看原因` : ""}
            </Typography.Text>
            <Legend />
          </Space>
          <HomeDueGrid rows={due?.rows ?? []} loading={loading} />
        </>
      )}
    </div>
  );
}
