/**
 * 审计日志 (`/audit`, 机构管理员): who did what and when, filtered and paged by Rust; 核验完整性
 * re-computes the hash chain; 导出 CSV saves the filtered entries.
 */
import { DownloadOutlined, SafetyOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from "antd";
import type { TablePaginationConfig } from "antd";
import { useState } from "react";
import type { AuditEntry, AuditVerification } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { formatDateTimeSeconds } from "../../../shared/format";
import { AUDIT_ACTION_LABELS, optionsOf, recordKindLabel } from "../../../shared/labels";
import { useUserList } from "../../users/hooks/useUsers";
import { AUDIT_PAGE_SIZE, toAuditQuery, verificationText } from "../auditQuery";
import type { AuditFilters } from "../auditQuery";
import { useAuditPage, useExportAudit, useVerifyAudit } from "../hooks/useAudit";

const ACTION_OPTIONS = optionsOf(AUDIT_ACTION_LABELS);

export function AuditPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<AuditFilters>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(AUDIT_PAGE_SIZE);
  const query = toAuditQuery(filters, page, pageSize);
  const audit = useAuditPage(query);
  const users = useUserList();
  const verify = useVerifyAudit();
  const exporter = useExportAudit();
  const [verification, setVerification] = useState<AuditVerification>();
  const [verifyError, setVerifyError] = useState<string>();
  const [exportedTo, setExportedTo] = useState<string>();

  const apply = () => {
    setFilters({ ...(form.getFieldsValue(true) as AuditFilters) });
    setPage(1);
  };

  const reset = () => {
    form.resetFields();
    apply();
  };

  const runVerify = async () => {
    setVerification(undefined);
    setVerifyError(undefined);
    const r = await verify.run();
    if (r.ok) setVerification(r.value);
    else setVerifyError(r.error.message);
  };

  const runExport = async () => {
    setExportedTo(undefined);
    const r = await exporter.run({ ...query, page: 1 });
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    if (r.value === null) return;
    setExportedTo(r.value);
    message.success(`已导出到 ${r.value}`);
  };

  const onTableChange = (p: TablePaginationConfig) => {
    const size = p.pageSize ?? pageSize;
    setPage(size !== pageSize ? 1 : (p.current ?? 1));
    setPageSize(size);
  };

  return (
    <Card
      title="审计日志"
      extra={
        <Space>
          <Button icon={<SafetyOutlined />} loading={verify.running} onClick={() => void runVerify()} data-testid="audit-verify">
            核验完整性
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporter.running} onClick={() => void runExport()} data-testid="audit-export">
            导出 CSV
          </Button>
        </Space>
      }
    >
      {(verification || verifyError) && (
        <div data-testid="audit-verify-result" data-intact={verification?.intact ? "true" : "false"} style={{ marginBottom: 16 }}>
          <Alert
            type={verification?.intact ? "success" : "error"}
            showIcon
            closable
            onClose={() => {
              setVerification(undefined);
              setVerifyError(undefined);
            }}
            message={verification ? verificationText(verification) : "无法核验审计日志"}
            description={verifyError}
          />
        </div>
      )}
      {exportedTo && (
        <div data-testid="audit-export-result" style={{ marginBottom: 16 }}>
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setExportedTo(undefined)}
            message={
              <>
                已导出到 <Typography.Text copyable>{exportedTo}</Typography.Text>
              </>
            }
          />
        </div>
      )}
      <div onKeyDown={enterSubmits(apply)}>
        <Form<AuditFilters>
          form={form}
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={apply}
          onValuesChange={(changed: AuditFilters) => {
            // Pickers apply at once; the record id when Enter or 查询 is pressed.
            if (!("recordId" in changed)) apply();
          }}
        >
          <Form.Item name="dates" label="日期">
            <DatePicker.RangePicker data-testid="audit-filter-dates" format="YYYY-MM-DD" allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="userId" label="用户">
            <Select
              data-testid="audit-filter-user"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部用户"
              style={{ width: 160 }}
              loading={users.loading}
              options={users.users.map((u) => ({ value: u.id, label: `${u.name}（${u.login}）` }))}
            />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Select
              data-testid="audit-filter-action"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部操作"
              style={{ width: 170 }}
              options={ACTION_OPTIONS}
            />
          </Form.Item>
          <Form.Item name="recordId" label="记录">
            <Input data-testid="audit-filter-record" placeholder="记录标识" allowClear autoFocus style={{ width: 200 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              查询
            </Button>
            <Button onClick={reset}>重置</Button>
          </Space>
        </Form>
      </div>
      {audit.error && (
        <Alert type="error" showIcon message="无法读取审计日志" description={audit.error.message} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={audit.loading}
          dataSource={audit.page?.entries ?? []}
          onChange={onTableChange}
          onRow={() => ({ "data-testid": "audit-row" }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: 1000 }}
          locale={{ emptyText: "没有符合条件的记录" }}
          pagination={{
            current: page,
            pageSize,
            total: audit.page?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: ["20", "50", "100"],
            showTotal: (total) => `共 ${total} 条`,
          }}
          columns={[
            { title: "序号", dataIndex: "seq", width: 80 },
            { title: "时间", dataIndex: "at", width: 170, render: (v: string) => formatDateTimeSeconds(v) },
            { title: "用户", dataIndex: "userName", width: 110, render: (v: string) => v || "—" },
            { title: "设备", dataIndex: "deviceId", width: 140, ellipsis: true },
            {
              title: "操作",
              dataIndex: "action",
              width: 130,
              render: (a: AuditEntry["action"]) => AUDIT_ACTION_LABELS[a] ?? a,
            },
            {
              title: "记录",
              key: "record",
              width: 220,
              render: (_: unknown, e: AuditEntry) =>
                e.recordKind || e.recordId ? (
                  <span>
                    {recordKindLabel(e.recordKind)}
                    {e.recordId && (
                      <Typography.Text type="secondary" copyable={{ text: e.recordId }} style={{ marginLeft: 4 }}>
                        {e.recordId}
                      </Typography.Text>
                    )}
                  </span>
                ) : (
                  "—"
                ),
            },
            { title: "详情", dataIndex: "detail", render: (v: string) => v || "—" },
          ]}
        />
      </div>
    </Card>
  );
}
