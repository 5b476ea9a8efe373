/**
 * 变更: makes an amendment draft of an active agreement (Rust copies it and links the two); the
 * draft opens for editing, and signing it ends the old agreement.
 */
import { App, Button, Popconfirm } from "antd";
import type { Agreement } from "../../../ipc";
import { useAmendAgreement } from "../hooks/useAgreements";

export function AmendAgreementButton({ agreement, onAmended }: { agreement: Agreement; onAmended: (draft: Agreement) => void }) {
  const { message } = App.useApp();
  const amend = useAmendAgreement();
  const confirm = async () => {
    const r = await amend.run({ id: agreement.id, version: agreement.version, on: "", reason: "" });
    if (r.ok) {
      message.success(`已生成变更协议草稿 ${r.value.number}，修改后签署即替代 ${agreement.number}`);
      onAmended(r.value);
    } else {
      message.error(r.error.message);
    }
  };
  return (
    <Popconfirm
      title="变更协议"
      description={`以 ${agreement.number} 为底稿生成变更协议草稿？原协议在变更协议签署前继续有效。`}
      okText="生成草稿"
      cancelText="取消"
      onConfirm={confirm}
      okButtonProps={{ "data-testid": "agreement-amend-confirm" } as React.ComponentProps<typeof Button>}
    >
      <Button size="small" loading={amend.running} data-testid={`agreement-amend-${agreement.number}`}>
        变更
      </Button>
    </Popconfirm>
  );
}
