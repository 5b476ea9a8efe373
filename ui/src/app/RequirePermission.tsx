/** A screen only some roles may open (by its address, too): others read why not. */
import { Result } from "antd";
import type { ReactNode } from "react";
import type { Permission } from "../ipc";
import { PERMISSION_LABELS, ROLE_LABELS } from "../shared/labels";
import { useSession } from "./SessionContext";

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { session, can } = useSession();
  if (can(permission)) return <>{children}</>;
  return (
    <div data-testid="forbidden-page">
      <Result
        status="403"
        title="没有权限"
        subTitle={`当前角色（${ROLE_LABELS[session.role]}）不能${PERMISSION_LABELS[permission]}。`}
      />
    </div>
  );
}
