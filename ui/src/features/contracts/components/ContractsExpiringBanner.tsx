/** The renewal reminder above the contracts: how many end within the window, how many already ended. */
import { Alert, Button } from "antd";
import type { Contract } from "../../../ipc";
import { EXPIRING_WITHIN_DAYS } from "../contractTerm";

export interface ContractsExpiringBannerProps {
  expiring: readonly Contract[];
  expiringOnly: boolean;
  onToggle: () => void;
}

export function ContractsExpiringBanner({ expiring, expiringOnly, onToggle }: ContractsExpiringBannerProps) {
  if (expiring.length === 0) return null;
  const overdue = expiring.filter((c) => c.daysToExpiry !== null && Number(c.daysToExpiry) < 0).length;
  return (
    <div data-testid="contracts-expiring-banner" data-count={expiring.length} style={{ marginBottom: 16 }}>
      <Alert
        type="warning"
        showIcon
        message={`${expiring.length} 份签约将在 ${EXPIRING_WITHIN_DAYS} 天内到期`}
        description={overdue > 0 ? `其中 ${overdue} 份已到期尚未续约，请尽快联系居民续约。` : "请提前联系居民办理续约。"}
        action={
          <Button size="small" onClick={onToggle} data-testid="contracts-expiring-show">
            {expiringOnly ? "显示全部" : "只看即将到期"}
          </Button>
        }
      />
    </div>
  );
}
