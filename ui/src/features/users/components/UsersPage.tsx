/** 用户管理 (`/users`, 机构管理员): who can log in, new users, 停用 and 重设密码. */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Table, Tag } from "antd";
import { useState } from "react";
import type { UserRow } from "../../../ipc";
import { useSession } from "../../../app/SessionContext";
import { useSetup } from "../../../app/SetupContext";
import { ROLE_LABELS } from "../../../shared/labels";
import { useNursingHomes } from "../../institutions/hooks/useNursingHomes";
import { useRemoveUser, useUserList } from "../hooks/useUsers";
import { NewUserModal } from "./NewUserModal";
import { ResetPasswordModal } from "./ResetPasswordModal";

export function UsersPage() {
  const { institution } = useSetup();
  const { session } = useSession();
  const { message, modal } = App.useApp();
  const list = useUserList();
  const homes = useNursingHomes();
  const remove = useRemoveUser();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserRow>();

  const confirmRemove = (u: UserRow) => {
    modal.confirm({
      title: `停用用户：${u.name}（${u.login}）？`,
      content: "停用后此人不能再登录；其建档和修改记录保留。",
      okText: "停用",
      okType: "danger",
      cancelText: "取消",
      okButtonProps: { "data-testid": "user-remove-confirm" },
      onOk: async () => {
        const r = await remove.run(u.id);
        if (r.ok) {
          message.success(`已停用：${u.name}`);
          list.reload();
        } else {
          message.error(r.error.message);
        }
      },
    });
  };

  return (
    <Card
      title="用户管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-new">
          新建用户
        </Button>
      }
    >
      {list.error && (
        <Alert type="error" showIcon message="无法读取用户列表" description={list.error.message} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="users-table">
        <Table<UserRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.users}
          pagination={false}
          onRow={() => ({ "data-testid": "user-row" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: "登录名", dataIndex: "login", width: 140 },
            { title: "姓名", dataIndex: "name", width: 120 },
            { title: "角色", dataIndex: "role", width: 140, render: (r: UserRow["role"]) => ROLE_LABELS[r] },
            { title: "所属机构", dataIndex: "institutionName" },
            {
              title: "可登录",
              dataIndex: "canLogIn",
              width: 90,
              render: (v: boolean) => (v ? <Tag color="green">是</Tag> : <Tag>否</Tag>),
            },
            {
              title: "操作",
              key: "actions",
              width: 180,
              render: (_: unknown, u: UserRow) => (
                <Space size="small">
                  <Button size="small" onClick={() => setResetting(u)} data-testid="user-reset">
                    重设密码
                  </Button>
                  <Button
                    size="small"
                    danger
                    disabled={u.id === session.userId}
                    title={u.id === session.userId ? "不能停用自己" : undefined}
                    onClick={() => confirmRemove(u)}
                    data-testid="user-remove"
                  >
                    停用
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
      <NewUserModal
        open={creating}
        clinic={institution}
        nursingHomes={homes.homes}
        nursingHomesLoading={homes.loading}
        onClose={() => setCreating(false)}
        onCreated={() => list.reload()}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} onDone={() => list.reload()} />
    </Card>
  );
}
