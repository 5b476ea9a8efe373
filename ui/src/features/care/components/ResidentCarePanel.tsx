/**
 * The care section of a resident's page: the 7+3+4 grid for a year (as Rust computed it), the
 * care records (filtered by item, optionally with the correction history), and adding, correcting
 * and voiding entries.
 */
import { Alert, Button, Card, DatePicker, Select, Space, Switch, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useSession } from "../../../app/SessionContext";
import type { CareRecord, ServiceItem } from "../../../ipc";
import { DISABILITY_GRADE_LABELS, DUE_STATE_LABELS, SERVICE_ITEM_LABELS } from "../../../shared/labels";
import { cellFacts } from "../dueGrid";
import { useRecords } from "../hooks/useRecords";
import { useResidentDue } from "../hooks/useResidentDue";
import { canChange, targetOfRecord } from "../recordKinds";
import { SERVICE_ITEMS } from "../../../shared/labels";
import type { FormTarget } from "../recordKinds";
import { HomeCarePanel } from "../../homecare/components/HomeCarePanel";
import { AddRecordMenu } from "./AddRecordMenu";
import { DueGrid } from "./DueGrid";
import { RecordDrawer } from "./RecordDrawer";
import { RecordList } from "./RecordList";
import { VoidRecordModal } from "./VoidRecordModal";

interface DrawerState {
  target: FormTarget;
  correcting: CareRecord | null;
}

/** `atHome`: the resident lives at home, so 居家照护 is shown and offered. */
export function ResidentCarePanel({ residentId, atHome = false }: { residentId: string; atHome?: boolean }) {
  const { can } = useSession();
  const [year, setYear] = useState(() => dayjs().year());
  const [item, setItem] = useState<ServiceItem | null>(null);
  const [history, setHistory] = useState(false);
  const [drawer, setDrawer] = useState<DrawerState | null>(null);
  const [voiding, setVoiding] = useState<CareRecord | null>(null);
  const due = useResidentDue(residentId, year);
  const records = useRecords({ residentId, item, includeSuperseded: history });
  const canRecord = can("record_care");
  const [written, setWritten] = useState(0);

  const refresh = () => {
    due.reload();
    records.reload();
    setWritten((n) => n + 1);
  };
  const selectedCell = item ? due.due?.cells.find((c) => c.item === item) : undefined;

  return (
    <div data-testid="care-panel">
      <Card
        title="“7+3+4”服务完成情况"
        style={{ marginTop: 16 }}
        extra={
          <Space wrap>
            <span data-testid="due-disability">
              失能等级：
              {due.due?.disability ? (
                <Tag color="purple">{DISABILITY_GRADE_LABELS[due.due.disability]}</Tag>
              ) : (
                <Tag>未评估</Tag>
              )}
            </span>
            <DatePicker
              picker="year"
              data-testid="due-year"
              allowClear={false}
              value={dayjs().year(year)}
              onChange={(d) => d && setYear(d.year())}
              style={{ width: 110 }}
            />
          </Space>
        }
      >
        {due.error && <Alert type="error" showIcon message="无法计算服务完成情况" description={due.error.message} />}
        {due.due && (
          <DueGrid cells={due.due.cells} selected={item} onSelect={(i) => setItem((cur) => (cur === i ? null : i))} />
        )}
        {selectedCell && (
          <Alert
            data-testid="due-reason"
            type={selectedCell.state === "overdue" ? "error" : selectedCell.state === "done" ? "success" : "info"}
            message={`${selectedCell.item} ${SERVICE_ITEM_LABELS[selectedCell.item]}：${DUE_STATE_LABELS[selectedCell.state]}`}
            description={
              <>
                <div>{selectedCell.reason}</div>
                {cellFacts(selectedCell) && <Typography.Text type="secondary">{cellFacts(selectedCell)}</Typography.Text>}
              </>
            }
          />
        )}
      </Card>
      {atHome && (
        <HomeCarePanel
          residentId={residentId}
          version={written}
          onAdd={canRecord ? (kind) => setDrawer({ target: { kind }, correcting: null }) : undefined}
        />
      )}
      <Card
        title="服务记录"
        style={{ marginTop: 16 }}
        extra={
          <Space wrap>
            <Select<ServiceItem | "all">
              data-testid="records-item-filter"
              value={item ?? "all"}
              onChange={(v) => setItem(v === "all" ? null : v)}
              style={{ width: 200 }}
              options={[
                { value: "all", label: "全部项目" },
                ...SERVICE_ITEMS.map((i) => ({ value: i, label: `${i} ${SERVICE_ITEM_LABELS[i]}` })),
              ]}
            />
            <Space size={4}>
              <Switch size="small" checked={history} onChange={setHistory} data-testid="records-history-toggle" />
              <span>显示更正历史</span>
            </Space>
            {canRecord && (
              <AddRecordMenu
                canSignPrescriptions={can("sign_prescriptions")}
                atHome={atHome}
                onPick={(target) => setDrawer({ target, correcting: null })}
              />
            )}
          </Space>
        }
      >
        {item && (
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">
              只显示 {item} {SERVICE_ITEM_LABELS[item]} 的记录
            </Typography.Text>
            <Button size="small" type="link" onClick={() => setItem(null)} data-testid="records-clear-filter">
              显示全部
            </Button>
          </Space>
        )}
        <RecordList
          records={records.records}
          loading={records.loading}
          error={records.error}
          canChange={(r) => canChange(r, can)}
          onCorrect={(r) => {
            const target = targetOfRecord(r);
            if (target) setDrawer({ target, correcting: r });
          }}
          onVoid={setVoiding}
          emptyText={item ? "该项目暂无记录" : "暂无服务记录"}
        />
      </Card>
      <RecordDrawer
        residentId={residentId}
        target={drawer?.target ?? null}
        correcting={drawer?.correcting ?? null}
        onClose={() => setDrawer(null)}
        onSaved={() => {
          setDrawer(null);
          refresh();
        }}
      />
      <VoidRecordModal
        record={voiding}
        onClose={() => setVoiding(null)}
        onVoided={() => {
          setVoiding(null);
          refresh();
        }}
      />
    </div>
  );
}
