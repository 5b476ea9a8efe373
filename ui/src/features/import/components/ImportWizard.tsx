/**
 * 导入居民 (Excel): choose a file → sheet, header row and column mapping → preview → import with
 * progress → result. Every check is made in Rust; a failed step keeps everything chosen so far.
 */
import { Alert, Button, Card, Form, InputNumber, Progress, Result, Select, Space, Statistic, Steps, Table, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import type { ImportField, ImportOptions, ImportProgress, ImportRow, ImportSummary, IpcError, SheetOverview } from "../../../ipc";
import { IMPORT_FIELD_LABELS, ROW_OUTCOME_LABELS } from "../../../shared/labels";
import { onImportProgress, useImportCalls, useNursingHomes } from "../hooks/useImport";
import { columnLetter, draftFromMapping, mappingFromDraft } from "../mapping";
import type { MappingDraft } from "../mapping";

const STEPS = ["选择文件", "对应列", "预览", "导入", "完成"].map((title) => ({ title }));

const FIELD_OPTIONS = (Object.keys(IMPORT_FIELD_LABELS) as ImportField[]).map((f) => ({
  value: f,
  label: IMPORT_FIELD_LABELS[f],
}));

const OUTCOME_COLORS = { new: "green", update: "blue", unchanged: "default", rejected: "red" } as const;

/** Where a row issue points: an import field by its Chinese name, or the row as a whole. */
function issueField(field: string): string {
  return field in IMPORT_FIELD_LABELS ? IMPORT_FIELD_LABELS[field as ImportField] : "整行";
}

const ROW_COLUMNS: TableColumnsType<ImportRow> = [
  { title: "行号", dataIndex: "row", width: 70 },
  { title: "姓名", dataIndex: "name", width: 100 },
  { title: "身份证号", dataIndex: "idNumber", width: 180 },
  {
    title: "结果",
    dataIndex: "outcome",
    width: 80,
    render: (o: ImportRow["outcome"]) => <Tag color={OUTCOME_COLORS[o]}>{ROW_OUTCOME_LABELS[o]}</Tag>,
  },
  {
    title: "问题",
    key: "issues",
    render: (_, r) =>
      r.issues.length === 0 ? (
        r.duplicateOfRow !== null ? `与第 ${r.duplicateOfRow} 行身份证号相同，合并为一份档案` : ""
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-row-issues">
          {r.issues.map((i, n) => (
            <li key={n}>
              {issueField(i.field)}：{i.message}
            </li>
          ))}
        </ul>
      ),
  },
];

function Counts({ s }: { s: ImportSummary }) {
  return (
    <Space size="large" data-testid="import-counts">
      <Statistic title="共计（行）" value={s.total} />
      <Statistic title="新建" value={s.new} valueStyle={{ color: "#389e0d" }} />
      <Statistic title="更新" value={s.update} valueStyle={{ color: "#0958d9" }} />
      <Statistic title="无变化" value={s.unchanged} />
      <Statistic title="有误" value={s.rejected} valueStyle={{ color: s.rejected > 0 ? "#cf1322" : undefined }} />
    </Space>
  );
}

function percent(p: ImportProgress): number {
  return p.total > 0 ? Math.floor((p.done * 100) / p.total) : 0;
}

/**
 * The header row is read again only when the person is done typing (Enter or leaving the field):
 * re-reading a large file for every keystroke of "12" would read it for "1" first.
 */
function HeaderRowInput({ value, onCommit }: { value: number; onCommit: (row: number) => void }) {
  const [draft, setDraft] = useState<number | null>(value);
  // Enter then leaving the field is one request, not two.
  const sent = useRef(value);
  useEffect(() => {
    setDraft(value);
    sent.current = value;
  }, [value]);
  const commit = () => {
    if (typeof draft !== "number" || draft === sent.current) return;
    sent.current = draft;
    onCommit(draft);
  };
  return (
    <InputNumber
      data-testid="import-header-row"
      aria-label="表头所在行"
      min={1}
      precision={0}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}

export function ImportWizard() {
  const navigate = useNavigate();
  const calls = useImportCalls();
  const homes = useNursingHomes();
  const [step, setStep] = useState(0);
  const [path, setPath] = useState<string>();
  const [homeId, setHomeId] = useState<string | null>(null);
  const [overview, setOverview] = useState<SheetOverview>();
  const [draft, setDraft] = useState<MappingDraft>({});
  const [preview, setPreview] = useState<ImportSummary>();
  const [result, setResult] = useState<ImportSummary>();
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [error, setError] = useState<IpcError>();
  const [savedTo, setSavedTo] = useState<string>();

  const options = (): ImportOptions => ({
    sheet: overview?.sheet ?? null,
    headerRow: overview?.headerRow ?? 0,
    mapping: mappingFromDraft(draft),
    nursingHomeId: homeId,
  });

  const loadOverview = async (file: string, sheet: string | null, headerRow: number) => {
    setError(undefined);
    const r = await calls.overview.run(file, sheet, headerRow, homeId);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setOverview(r.value);
    setDraft(draftFromMapping(r.value.mapping));
    return true;
  };

  const chooseFile = async () => {
    setError(undefined);
    const r = await calls.choose.run();
    if (!r.ok) {
      setError(r.error);
      return;
    }
    if (r.value === null) return;
    setPath(r.value);
    if (await loadOverview(r.value, null, 0)) setStep(1);
  };

  const runPreview = async () => {
    if (path === undefined) return;
    setError(undefined);
    // Checking a list of many thousand rows takes seconds: the same progress as the import.
    setProgress({ done: 0, total: overview?.dataRows ?? 0 });
    const stop = await onImportProgress(setProgress);
    try {
      const r = await calls.preview.run(path, options());
      if (!r.ok) {
        // The mapping stays as it is, so the person fixes only what the message names.
        setError(r.error);
        return;
      }
      setPreview(r.value);
      setStep(2);
    } finally {
      stop();
    }
  };

  const runImport = async () => {
    if (path === undefined) return;
    setError(undefined);
    setProgress({ done: 0, total: preview?.total ?? 0 });
    setStep(3);
    const stop = await onImportProgress(setProgress);
    try {
      const r = await calls.importRows.run(path, options());
      if (!r.ok) {
        setError(r.error);
        setStep(2);
        return;
      }
      setResult(r.value);
      setStep(4);
    } finally {
      stop();
    }
  };

  const saveRejected = async () => {
    if (!result) return;
    const r = await calls.saveRejected.run(result.rejectedRows);
    if (!r.ok) setError(r.error);
    else if (r.value !== null) setSavedTo(r.value);
  };

  const used = useMemo(() => new Set(Object.values(draft).filter((f) => f !== undefined)), [draft]);

  // Escape leaves the wizard from the first step only; later steps hold work worth keeping.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && step === 0) navigate("/residents");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [step, navigate]);

  const homeOptions = [
    { value: "", label: "居家（不指定养老机构）" },
    ...(homes.data ?? []).map((h) => ({ value: h.id, label: h.name })),
  ];

  return (
    <Card title="导入居民（Excel）" data-testid="import-wizard">
      <Steps current={step} items={STEPS} style={{ marginBottom: 24 }} />
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="import-error"
          message={error.message}
          description={
            error.fields.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {error.fields.map((f, n) => (
                  <li key={n}>{f.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      {step === 0 && (
        <Form layout="vertical" style={{ maxWidth: 480 }}>
          <Form.Item label="名单中的居民住在" extra="选择养老机构后，名单中的居民都登记为该机构的在住居民。">
            <Select
              data-testid="import-home"
              options={homeOptions}
              value={homeId ?? ""}
              onChange={(v: string) => setHomeId(v === "" ? null : v)}
            />
          </Form.Item>
          <Space>
            <Button type="primary" autoFocus data-testid="import-choose" loading={calls.choose.running || calls.overview.running} onClick={chooseFile}>
              选择 Excel 文件…
            </Button>
            <Button onClick={() => navigate("/residents")}>取消</Button>
          </Space>
        </Form>
      )}

      {step === 1 && overview && (
        <div data-testid="import-mapping">
          <Space wrap style={{ marginBottom: 16 }}>
            <span>文件：{path}</span>
            <Select
              data-testid="import-sheet"
              style={{ width: 200 }}
              value={overview.sheet}
              options={overview.sheets.map((s) => ({ value: s, label: `工作表：${s}` }))}
              onChange={(s: string) => path && void loadOverview(path, s, 0)}
            />
            <span>表头在第</span>
            <HeaderRowInput value={overview.headerRow} onCommit={(row) => path && void loadOverview(path, overview.sheet, row)} />
            <span>行，其下共 {overview.dataRows} 行数据</span>
            {overview.remembered && <Tag color="blue">已沿用上次的列对应</Tag>}
          </Space>
          <Table
            size="small"
            pagination={false}
            rowKey="column"
            dataSource={overview.headers.map((h, column) => ({ column, header: h }))}
            columns={[
              { title: "列", dataIndex: "column", width: 50, render: (c: number) => columnLetter(c) },
              { title: "表头", dataIndex: "header", width: 160 },
              {
                title: "前几行",
                key: "sample",
                render: (_, r) => overview.sample.map((row) => row[r.column] ?? "").filter((v) => v !== "").slice(0, 3).join("，"),
              },
              {
                title: "对应字段",
                key: "field",
                width: 200,
                render: (_, r) => (
                  <Select<ImportField>
                    data-testid={`import-field-${r.column}`}
                    aria-label={`第 ${columnLetter(r.column)} 列对应的字段`}
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    placeholder="不导入"
                    style={{ width: "100%" }}
                    value={draft[r.column]}
                    options={FIELD_OPTIONS.map((o) => ({ ...o, disabled: o.value !== draft[r.column] && used.has(o.value) }))}
                    onChange={(f) => setDraft((d) => ({ ...d, [r.column]: f }))}
                  />
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button type="primary" data-testid="import-preview" loading={calls.preview.running} onClick={runPreview}>
              下一步：预览
            </Button>
          </Space>
          {calls.preview.running && (
            <div data-testid="import-preview-progress" style={{ marginTop: 16, maxWidth: 480 }}>
              <Progress percent={percent(progress)} />
              <span>
                正在检查：已检查 {progress.done} / {progress.total} 行
              </span>
            </div>
          )}
        </div>
      )}

      {step === 2 && preview && (
        <div data-testid="import-preview-step">
          <Counts s={preview} />
          <Alert
            style={{ margin: "16px 0" }}
            type="info"
            message={`以下是前 ${preview.rows.length} 行的检查结果。导入时有误的行不写入，其余的行在一次操作中全部写入。`}
          />
          <Table size="small" rowKey="row" pagination={false} dataSource={preview.rows} columns={ROW_COLUMNS} scroll={{ y: 360 }} />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(1)}>上一步：修改对应列</Button>
            <Button
              type="primary"
              autoFocus
              data-testid="import-run"
              disabled={preview.new + preview.update === 0}
              onClick={runImport}
            >
              开始导入（新建 {preview.new}，更新 {preview.update}）
            </Button>
          </Space>
        </div>
      )}

      {step === 3 && (
        <div data-testid="import-progress">
          <Progress percent={percent(progress)} />
          <p>
            正在导入：已处理 {progress.done} / {progress.total} 行，请勿关闭窗口。
          </p>
        </div>
      )}

      {step === 4 && result && (
        <Result
          status={result.rejected > 0 ? "warning" : "success"}
          title={result.rejected > 0 ? `导入完成，${result.rejected} 行有误未导入` : "导入完成"}
          subTitle={<Counts s={result} />}
          extra={
            <Space direction="vertical">
              <Space>
                {result.rejected > 0 && (
                  <Button data-testid="import-save-rejected" loading={calls.saveRejected.running} onClick={saveRejected}>
                    下载错误报告
                  </Button>
                )}
                <Button type="primary" autoFocus data-testid="import-done" onClick={() => navigate("/residents")}>
                  完成
                </Button>
              </Space>
              {savedTo !== undefined && <span data-testid="import-saved-to">错误报告已保存到 {savedTo}</span>}
            </Space>
          }
        />
      )}
    </Card>
  );
}
