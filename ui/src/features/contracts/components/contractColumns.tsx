/**
 * The columns of the contracts table: resident, team, package and fees, term, status, days left,
 * the 协议书 and (for who may manage contracts) the row steps.
 */
import { Button, Space, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { Contract } from "../../../ipc";
import { PACKAGE_KIND_LABELS, POPULATION_CATEGORY_LABELS } from "../../../shared/labels";
import { contractActions } from "../contractForm";
import { EXPIRING_WITHIN_DAYS, daysLeftText, termText } from "../contractTerm";
import { formatCents } from "../money";
import { ContractDocumentCell } from "./ContractDocumentCell";
import { ContractStatusTag } from "./ContractStatusTag";

export type ContractStep = "sign" | "renew" | "terminate" | "document";

export interface ContractColumnsOptions {
  canManage: boolean;
  /** Bumped after a 协议书 was signed (the 协议书 cells ask again). */
  documentRevision: number;
  onStep: (kind: ContractStep, c: Contract) => void;
}

export function contractColumns({ canManage, documentRevision, onStep }: ContractColumnsOptions): ColumnsType<Contract> {
  return [
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
    {
      title: "协议书",
      key: "document",
      width: 260,
      render: (_: unknown, c: Contract) => (
        <ContractDocumentCell
          contract={c}
          canSign={canManage}
          revision={documentRevision}
          onSign={(contract) => onStep("document", contract)}
        />
      ),
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
                      onClick={() => onStep("sign", c)}
                      data-testid={`contract-sign-${c.number}`}
                    >
                      签约
                    </Button>
                  )}
                  {a.renew && (
                    <Button
                      size="small"
                      onClick={() => onStep("renew", c)}
                      data-testid={`contract-renew-${c.number}`}
                    >
                      续约
                    </Button>
                  )}
                  {a.terminate && (
                    <Button
                      size="small"
                      danger
                      onClick={() => onStep("terminate", c)}
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
  ];
}
