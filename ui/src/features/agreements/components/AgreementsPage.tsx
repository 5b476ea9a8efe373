/**
 * 协议 (`/agreements`): 医养服务合作协议 with nursing homes — drafts, 预览 and 签署 (or plain 生效),
 * 终止, and printing or saving the signed PDF.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import type { Agreement, AgreementStatus, SignedDocument } from "../../../ipc";
import { useCan } from "../../../app/SessionContext";
import { AGREEMENT_STATUS_LABELS, SERVICE_ITEM_LABELS, SERVICE_METHOD_LABELS } from "../../../shared/labels";
import { termText } from "../../contracts/contractTerm";
import { PreviewDocumentButton } from "../../documents/components/PreviewDocumentButton";
import { SignedDocumentOf } from "../../documents/components/SignedDocumentOf";
import { useNursingHomes } from "../../institutions/hooks/useNursingHomes";
import { agreementActions, agreementItemText, frequencyText } from "../agreementForm";
import { useAgreementList } from "../hooks/useAgreements";
import { AgreementFormDrawer } from "./AgreementFormDrawer";
import { AgreementStepModal } from "./AgreementStepModal";
import { AmendAgreementButton } from "./AmendAgreementButton";
import type { AgreementStepKind } from "./AgreementStepModal";
import { SignAgreementModal } from "./SignAgreementModal";

const STATUS_COLORS: Record<AgreementStatus, string> = {
  draft: "gold",
  active: "green",
  terminated: "default",
};

export function AgreementsPage() {
  const { message } = App.useApp();
  const canManage = useCan("manage_agreements");
  const list = useAgreementList();
  const homes = useNursingHomes();
  /** `null`: a new draft; a string: the id of the agreement opened. */
  const [opened, setOpened] = useState<string | null>();
  const [step, setStep] = useState<{ kind: AgreementStepKind; agreement: Agreement }>();
  const [signing, setSigning] = useState<Agreement>();
  const openedAgreement = typeof opened === "string" ? list.agreements.find((a) => a.id === opened) : undefined;

  const stepDone = (a: Agreement) => {
    const kind = step?.kind;
    setStep(undefined);
    message.success(kind === "activate" ? `协议 ${a.number} 已生效` : `协议 ${a.number} 已终止`);
    list.reload();
  };

  const signed = (d: SignedDocument) => {
    setSigning(undefined);
    message.success(`协议 ${d.number} 已签署并生效，PDF 已数字签名`);
    list.reload();
  };

  return (
    <Card
      title="医养服务合作协议"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpened(null)} data-testid="agreement-new">
            新建协议
          </Button>
        )
      }
    >
      {list.error && (
        <Alert type="error" showIcon message="无法读取协议列表" description={list.error.message} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="agreements-table">
        <Table<Agreement>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.agreements}
          pagination={false}
          scroll={{ x: 1350 }}
          locale={{ emptyText: "还没有合作协议" }}
          onRow={(a) => ({ "data-testid": "agreement-row", "data-number": a.number }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: "编号",
              key: "number",
              width: 150,
              render: (_: unknown, a: Agreement) => (
                <Space direction="vertical" size={0}>
                  {a.number}
                  {a.amendsNumber && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`agreement-amends-${a.number}`}>
                      变更自 {a.amendsNumber}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: "养老机构", dataIndex: "nursingHomeName", width: 180 },
            {
              title: "期限",
              key: "term",
              width: 210,
              render: (_: unknown, a: Agreement) => termText(a.startOn, a.endOn),
            },
            {
              title: "状态",
              key: "status",
              width: 90,
              render: (_: unknown, a: Agreement) => (
                <Tag color={STATUS_COLORS[a.status]} data-testid={`agreement-status-${a.number}`} data-status={a.status}>
                  {AGREEMENT_STATUS_LABELS[a.status]}
                </Tag>
              ),
            },
            {
              title: "覆盖项目",
              key: "items",
              render: (_: unknown, a: Agreement) => (
                <Space size={[4, 4]} wrap data-testid={`agreement-items-${a.number}`}>
                  {a.items.map((i) => (
                    <Tooltip key={i.item} title={`${SERVICE_ITEM_LABELS[i.item]}${i.frequency ? `，${frequencyText(i.frequency)}` : ""}`}>
                      <Tag>{agreementItemText(i)}</Tag>
                    </Tooltip>
                  ))}
                  {a.methods.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      方式：{a.methods.map((m) => SERVICE_METHOD_LABELS[m]).join("、")}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: "居民数", dataIndex: "residents", width: 80 },
            {
              title: "操作",
              key: "actions",
              width: 340,
              fixed: "right" as const,
              render: (_: unknown, a: Agreement) => {
                const can = agreementActions(a);
                return (
                  <Space size="small" wrap>
                    {canManage && can.edit ? (
                      <Button size="small" onClick={() => setOpened(a.id)} data-testid={`agreement-edit-${a.number}`}>
                        编辑
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => setOpened(a.id)} data-testid={`agreement-view-${a.number}`}>
                        查看
                      </Button>
                    )}
                    {can.preview && (
                      <PreviewDocumentButton
                        kind="cooperation_agreement"
                        recordId={a.id}
                        testId={`agreement-preview-${a.number}`}
                      />
                    )}
                    {canManage && can.sign && (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setSigning(a)}
                        data-testid={`agreement-sign-${a.number}`}
                      >
                        签署
                      </Button>
                    )}
                    {canManage && can.activate && (
                      <Button
                        size="small"
                        title="不签署文书，直接生效"
                        onClick={() => setStep({ kind: "activate", agreement: a })}
                        data-testid={`agreement-activate-${a.number}`}
                      >
                        生效
                      </Button>
                    )}
                    {canManage && can.amend && (
                      <AmendAgreementButton
                        agreement={a}
                        onAmended={(d) => {
                          list.reload();
                          setOpened(d.id);
                        }}
                      />
                    )}
                    {canManage && can.terminate && (
                      <Button
                        size="small"
                        danger
                        onClick={() => setStep({ kind: "terminate", agreement: a })}
                        data-testid={`agreement-terminate-${a.number}`}
                      >
                        终止
                      </Button>
                    )}
                    {can.signedDocument && (
                      <SignedDocumentOf
                        kind="cooperation_agreement"
                        recordId={a.id}
                        revision={a.version}
                        testIdPrefix="agreement"
                        number={a.number}
                      />
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </div>
      <AgreementFormDrawer
        open={opened === null || openedAgreement !== undefined}
        agreement={openedAgreement}
        nursingHomes={homes.homes}
        nursingHomesLoading={homes.loading}
        canEdit={canManage}
        onClose={() => setOpened(undefined)}
        onSaved={() => list.reload()}
        onReload={list.reload}
      />
      {canManage && (
        <>
          <SignAgreementModal
            agreement={signing}
            onClose={() => setSigning(undefined)}
            onDone={signed}
            onReload={list.reload}
          />
          <AgreementStepModal
            kind="activate"
            agreement={step?.kind === "activate" ? step.agreement : undefined}
            onClose={() => setStep(undefined)}
            onDone={stepDone}
            onReload={list.reload}
          />
          <AgreementStepModal
            kind="terminate"
            agreement={step?.kind === "terminate" ? step.agreement : undefined}
            onClose={() => setStep(undefined)}
            onDone={stepDone}
            onReload={list.reload}
          />
        </>
      )}
    </Card>
  );
}
