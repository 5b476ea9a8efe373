/** 即将到期的协议和签约: agreements and contracts ending within a month, as Rust lists them. */
import { Alert, Button, Card, Empty, Table, Typography } from "antd";
import { Link } from "react-router-dom";
import type { ExpiringItem } from "../../../ipc";
import { DOCUMENT_KIND_LABELS } from "../../../shared/labels";
import { expiryText } from "../documentText";
import { useExpiringItems } from "../hooks/useDocuments";

const PAGE_OF: Record<ExpiringItem["kind"], string> = {
  cooperation_agreement: "/agreements",
  family_doctor_contract: "/contracts",
};

export function ExpiringItemsCard() {
  const { items, loading, error, reload } = useExpiringItems();

  return (
    <Card size="small" title="即将到期的协议和签约" style={{ marginBottom: 16 }} data-testid="expiring-list">
      {error ? (
        <Alert
          type="error"
          showIcon
          message="无法读取即将到期的协议和签约"
          description={error.message}
          action={
            <Button onClick={reload} data-testid="expiring-retry">
              重试
            </Button>
          }
        />
      ) : (
        <Table<ExpiringItem>
          size="small"
          rowKey={(i) => `${i.kind}-${i.recordId}`}
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          onRow={(i) => ({ "data-testid": "expiring-row", "data-number": i.number }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: loading ? (
              " "
            ) : (
              <div data-testid="expiring-empty">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="一个月内没有到期的协议或签约" />
              </div>
            ),
          }}
          columns={[
            { title: "类型", key: "kind", width: 130, render: (_: unknown, i: ExpiringItem) => DOCUMENT_KIND_LABELS[i.kind] },
            {
              title: "编号",
              key: "number",
              width: 150,
              render: (_: unknown, i: ExpiringItem) => <Link to={PAGE_OF[i.kind]}>{i.number}</Link>,
            },
            { title: "对方", dataIndex: "partyName" },
            { title: "到期日期", dataIndex: "endOn", width: 120 },
            {
              title: "剩余",
              key: "daysLeft",
              width: 120,
              render: (_: unknown, i: ExpiringItem) => {
                const n = Number(i.daysLeft);
                return (
                  <Typography.Text type={n < 0 ? "danger" : "warning"} data-testid={`expiring-days-${i.number}`}>
                    {expiryText(n)}
                  </Typography.Text>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
