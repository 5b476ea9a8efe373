import { Tag } from "antd";
import type { Contract, ContractStatus } from "../../../ipc";
import { CONTRACT_STATUS_LABELS } from "../../../shared/labels";

const COLORS: Record<ContractStatus, string> = {
  pending: "gold",
  signed: "green",
  renewed: "blue",
  terminated: "default",
};

/** 待签约 / 签约 / 续约 / 解约, plus 已续约 on a contract a renewal replaced. */
export function ContractStatusTag({ contract }: { contract: Pick<Contract, "number" | "status" | "renewedBy"> }) {
  return (
    <>
      <Tag color={COLORS[contract.status]} data-testid={`contract-status-${contract.number}`} data-status={contract.status}>
        {CONTRACT_STATUS_LABELS[contract.status]}
      </Tag>
      {contract.renewedBy !== null && <Tag data-testid={`contract-renewed-${contract.number}`}>已续约</Tag>}
    </>
  );
}
