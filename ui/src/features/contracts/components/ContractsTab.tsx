/**
 * 签约 tab: the contracts (current ones, or all with 显示已解约/已续约), renewal reminders for those
 * ending within 30 days, 新建签约, the row steps 签约 / 续约 / 解约 and each contract's 协议书
 * (preview, handwritten signing, print and save of the signed PDF).
 */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, Space, Switch, Table, Tooltip } from "antd";
import { useState } from "react";
import type { CareTeam, Contract, SignedDocument, StaffMember } from "../../../ipc";
import { useCan } from "../../../app/SessionContext";
import { EXPIRING_WITHIN_DAYS } from "../contractTerm";
import { useContractList } from "../hooks/useContracts";
import { contractColumns } from "./contractColumns";
import type { ContractStep } from "./contractColumns";
import { ContractFormDrawer } from "./ContractFormDrawer";
import { ContractsExpiringBanner } from "./ContractsExpiringBanner";
import { RenewContractModal } from "./RenewContractModal";
import { SignContractDocumentModal } from "./SignContractDocumentModal";
import { SignContractModal } from "./SignContractModal";
import { TerminateContractModal } from "./TerminateContractModal";

export interface ContractsTabProps {
  teams: readonly CareTeam[];
  doctors: readonly StaffMember[];
  /** Something changed that other tabs count (a team's active contracts). */
  onChanged: () => void;
}

type Step = { kind: ContractStep; contract: Contract };

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
  /** Bumped after a 协议书 is signed: the 协议书 cells ask Rust again. */
  const [documents, setDocuments] = useState(0);

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

  const documentSigned = (d: SignedDocument, c: Contract) => {
    setDocuments((n) => n + 1);
    finish(
      c.status === "pending"
        ? `已签约：${c.number}（${c.residentName}），协议书 PDF 已数字签名`
        : `签约 ${d.number} 的协议书已签署，PDF 已数字签名`,
    );
  };

  const stepOf = (kind: Step["kind"]) => (step?.kind === kind ? step.contract : undefined);

  return (
    <>
      <ContractsExpiringBanner
        expiring={expiring.contracts}
        expiringOnly={expiringOnly}
        onToggle={() => setExpiringOnly((v) => !v)}
      />
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
          scroll={{ x: 1560 }}
          locale={{ emptyText: expiringOnly ? "没有即将到期的签约" : "还没有签约" }}
          onRow={(c) => ({ "data-testid": "contract-row", "data-number": c.number }) as React.HTMLAttributes<HTMLElement>}
          columns={contractColumns({
            canManage,
            documentRevision: documents,
            onStep: (kind, contract) => setStep({ kind, contract }),
          })}
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
          <SignContractDocumentModal
            contract={stepOf("document")}
            onClose={() => setStep(undefined)}
            onDone={documentSigned}
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
