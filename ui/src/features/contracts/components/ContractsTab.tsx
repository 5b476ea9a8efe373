/**
 * 签约 tab: the contracts (current ones, or all with 显示已解约/已续约), renewal reminders for those
 * ending within 30 days, 新建签约 and the row steps 签约 / 续约 / 解约.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, Space, Switch, Table, Tooltip, Typography } from "antd";
import { useState } from "react";
import type { CareTeam, Contract, StaffMember } from "../../../ipc";
import { useCan } from "../../../app/SessionContext";
import { PACKAGE_KIND_LABELS, POPULATION_CATEGORY_LABELS } from "../../../shared/labels";
import { contractActions } from "../contractForm";
import { EXPIRING_WITHIN_DAYS, daysLeftText, termText } from "../contractTerm";
import { useContractList } from "../hooks/useContracts";
import { formatCents } from "../money";
import { ContractFormDrawer } from "./ContractFormDrawer";
import { ContractStatusTag } from "./ContractStatusTag";
import { RenewContractModal } from "./RenewContractModal";
import { SignContractModal } from "./SignContractModal";
import { TerminateContractModal } from "./TerminateContractModal";

export interface ContractsTabProps {
  teams: readonly CareTeam[];
  doctors: readonly StaffMember[];
  /** Something changed that other tabs count (a team's active contracts). */
  onChanged: () => void;
}

type Step = { kind: "sign" | "renew" | "terminate"; contract: Contract };

export function ContractsTab({ teams, doctors, onChanged }: ContractsTabProps) {
  const { message } = App.useApp();
  const canManage = useCan("manage_contracts");
  const [includeClosed, setIncludeClosed] = useState(false);
  const [expiringOnly, setExpiringOnly] = useState(false);
  const list = useContractList({
    residentId: null,
    expiringWithinDays: expiringOnly ? EXPIRING_WITHIN_DAYS : null,
    includeClosed,
  });
  const expiring = useContractList({ residentId: null, expiringWithinDays: EXPIRING_WITHIN_DAYS, includeClosed: false });
  const [creating, setCreating] = useState(false);
  const [step, setStep] = useState<Step>();

  const reloadAll = () => {
    list.reload();
    expiring.reload();
    onChanged();
  };

  const finish = (text: string) => {
    setStep(undefined);
    message.success(text);
    reloadAll();
  };

  const overdue = expiring.contracts.filter((c) => c.daysToExpiry !== null && Number(c.daysToExpiry) < 0).length;
  const stepOf = (kind: Step["kind"]) => (step?.kind === kind ? step.contract : undefined);

  return (
    <>
      {expiring.contracts.length > 0 && (
        <div data-testid="contracts-expiring-banner" data-count={expiring.contracts.length} style={{ marginBottom: 16 }}>
          <Alert
            type="warning"
            showIcon
            message={`${expiring.contracts.length} 份签约将在 ${EXPIRING_WITHIN_DAYS} 天内到期`}
            description={
              overdue > 0 ? `其中 ${overdue} 份已到期尚未续约，请尽快联系居民续约。` : "请提前联系居民办理续约。"
            }
            action={
              <Button size="small" onClick={() => setExpiringOnly((v) => !v)} data-testid="contracts-expiring-show">
                {expiringOnly ? "显示全部" : "只看即将到期"}
              </Button>
            }
          />
        </div>
      )}
      {list.error && (
        <Alert type="error" showIcon message="无法读取签约列表" description={list.error.message} style={{ marginBottom: 16 }} />
      )}
      <Space style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }} wrap>
        <Space wrap size="large">
          <Checkbox
            checked={expiringOnly}
            onChange={(e) => setExpiringOnly(e.target.checked)}
            data-testid="contracts-expiring-only"
          >
            即将到期（{EXPIRING_WITHIN_DAYS}天内）
          </Checkbox>
          <Tooltip title={expiringOnly ? "即将到期只列出当前的签约" : undefined}>
            <Space>
              <Switch
                checked={includeClosed && !expiringOnly}
                disabled={expiringOnly}
                onChange={setIncludeClosed}
                data-testid="contracts-show-closed"
                aria-label="显示已解约/已续约"
              />
              <span>显示已解约/已续约</span>
            </Space>
          </Tooltip>
        </Space>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contract-new">
            新建签约
          </Button>
        )}
      </Space>
      <div data-testid="contracts-table">
        <Table<Contract>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.contracts}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 1300 }}
          locale={{ emptyText: expiringOnly ? "没有即将到期的签约" : "还没有签约" }}
          onRow={(c) => ({ "data-testid": "contract-row", "data-number": c.number }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: "签约编号", dataIndex: "number", width: 150 },
            {
              title: "居民",
              key: "resident",
              width: 180,
              render: (_: unknown, c: Contract) => (
                <Space direction="vertical" size={0}>
                  <span>{c.residentName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.categories.map((k) => POPULATION_CATEGORY_LABELS[k]).join("、")}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: "团队", dataIndex: "teamName", width: 140 },
            { title: "责任医生", dataIndex: "doctorName", width: 100 },
            {
              title: "服务包",
              key: "package",
              width: 130,
              render: (_: unknown, c: Contract) =>
                c.packageKind === "personalized" ? (
                  <Tooltip
                    title={c.packageItems.map((i) => (
                      <div key={i.name}>
                        {i.name} {formatCents(i.priceCents)}
                      </div>
                    ))}
                  >
                    <span>
                      {PACKAGE_KIND_LABELS.personalized}（{c.packageItems.length} 项）
                    </span>
                  </Tooltip>
                ) : (
                  PACKAGE_KIND_LABELS.basic
                ),
            },
            {
              title: "费用（元）",
              key: "fees",
              width: 200,
              render: (_: unknown, c: Contract) => (
                <Space direction="vertical" size={0} data-testid={`contract-fees-${c.number}`}>
                  <span>{formatCents(c.priceCents)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    医保/公卫 {formatCents(c.insuranceCents)} · 自付 {formatCents(c.selfPaidCents)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: "期限",
              key: "term",
              width: 210,
              render: (_: unknown, c: Contract) => termText(c.startOn, c.endOn),
            },
            {
              title: "状态",
              key: "status",
              width: 130,
              render: (_: unknown, c: Contract) => <ContractStatusTag contract={c} />,
            },
            {
              title: "剩余天数",
              key: "daysLeft",
              width: 110,
              render: (_: unknown, c: Contract) => {
                const d = c.daysToExpiry === null ? null : Number(c.daysToExpiry);
                const type = d === null ? undefined : d < 0 ? "danger" : d <= EXPIRING_WITHIN_DAYS ? "warning" : undefined;
                return (
                  <Typography.Text type={type} data-testid={`contract-days-${c.number}`}>
                    {daysLeftText(d)}
                  </Typography.Text>
                );
              },
            },
            ...(canManage
              ? [
                  {
                    title: "操作",
                    key: "actions",
                    width: 190,
                    fixed: "right" as const,
                    render: (_: unknown, c: Contract) => {
                      const a = contractActions(c);
                      return (
                        <Space size="small">
                          {a.sign && (
                            <Button
                              size="small"
                              type="primary"
                              onClick={() => setStep({ kind: "sign", contract: c })}
                              data-testid={`contract-sign-${c.number}`}
                            >
                              签约
                            </Button>
                          )}
                          {a.renew && (
                            <Button
                              size="small"
                              onClick={() => setStep({ kind: "renew", contract: c })}
                              data-testid={`contract-renew-${c.number}`}
                            >
                              续约
                            </Button>
                          )}
                          {a.terminate && (
                            <Button
                              size="small"
                              danger
                              onClick={() => setStep({ kind: "terminate", contract: c })}
                              data-testid={`contract-terminate-${c.number}`}
                            >
                              解约
                            </Button>
                          )}
                        </Space>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      </div>
      {canManage && (
        <>
          <ContractFormDrawer
            open={creating}
            teams={teams}
            doctors={doctors}
            onClose={() => setCreating(false)}
            onCreated={() => reloadAll()}
          />
          <SignContractModal
            contract={stepOf("sign")}
            onClose={() => setStep(undefined)}
            onDone={(c) => finish(`已签约：${c.number}（${c.residentName}）`)}
            onReload={reloadAll}
          />
          <RenewContractModal
            contract={stepOf("renew")}
            onClose={() => setStep(undefined)}
            onDone={(c) => finish(`已续约：新签约 ${c.number}（${c.startOn} 至 ${c.endOn}）`)}
            onReload={reloadAll}
          />
          <TerminateContractModal
            contract={stepOf("terminate")}
            onClose={() => setStep(undefined)}
            onDone={(c) => finish(`已解约：${c.number}（${c.residentName}）`)}
            onReload={reloadAll}
          />
        </>
      )}
    </>
  );
}
