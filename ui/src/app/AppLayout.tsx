/** The shell: left menu, header with institution and user (and the user menu), and the current screen. */
import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Layout, Menu, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { ChangePasswordModal } from "../features/session/components/ChangePasswordModal";
import { SyncBadge } from "../features/sync/components/SyncBadge";
import { INSTITUTION_KIND_LABELS, ROLE_LABELS } from "../shared/labels";
import { visibleNavEntries } from "./navigation";
import { createLeaveGuard, LeaveGuardContext } from "./leaveGuard";
import { useSession } from "./SessionContext";
import { useSetup } from "./SetupContext";

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { institution } = useSetup();
  const { session, can, lockNow, logOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = location.pathname.split("/")[1] || "home";
  const { modal } = App.useApp();
  const guard = useMemo(createLeaveGuard, []);
  const [changingPassword, setChangingPassword] = useState(false);
  const entries = visibleNavEntries(can);

  // A sidebar click (or logging out) must not silently drop what a form holds.
  const leave = (go: () => void, okText = "放弃并离开") => {
    if (!guard.hasUnsaved()) {
      go();
      return;
    }
    modal.confirm({
      title: "放弃未保存的修改？",
      content: "当前表单中填写的内容还没有保存。",
      okText,
      cancelText: "继续编辑",
      onOk: go,
    });
  };

  const onUserMenu = (key: string) => {
    if (key === "password") setChangingPassword(true);
    else if (key === "lock") lockNow();
    else if (key === "logout") leave(logOut, "放弃并退出");
  };

  return (
    <LeaveGuardContext.Provider value={guard}>
      <Layout style={{ minHeight: "100vh" }}>
        <Sider width={180} breakpoint="lg" collapsedWidth={64} theme="dark">
          <div
            style={{
              color: "#fff",
              fontSize: 18,
              fontWeight: 600,
              padding: "18px 0",
              textAlign: "center",
              whiteSpace: "nowrap",
              overflow: "hidden",
            }}
          >
            医养通
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            onClick={({ key }) => leave(() => navigate(`/${key}`))}
            items={entries.map((e) => ({
              key: e.path,
              icon: e.icon,
              label: <span data-testid={e.testId}>{e.label}</span>,
            }))}
          />
        </Sider>
        <Layout>
          <Header
            data-testid="app-header"
            style={{
              background: "#fff",
              padding: "0 24px",
              display: "flex",
              alignItems: "center",
              justifyContent: "space-between",
              borderBottom: "1px solid #f0f0f0",
            }}
          >
            <Space size="small">
              <Typography.Text strong style={{ fontSize: 16 }}>
                {institution.name}
              </Typography.Text>
              <Typography.Text type="secondary">{INSTITUTION_KIND_LABELS[institution.kind]}</Typography.Text>
              {/* On the left, where its changing width moves nothing: on the right it would shift
                  the user menu under the pointer whenever the pending count changes. */}
              <SyncBadge />
            </Space>
            <Dropdown
              trigger={["click"]}
              menu={{
                onClick: ({ key }) => onUserMenu(key),
                items: [
                  {
                    key: "password",
                    icon: <KeyOutlined />,
                    label: <span data-testid="menu-change-password">修改密码</span>,
                  },
                  { key: "lock", icon: <LockOutlined />, label: <span data-testid="menu-lock">锁定</span> },
                  { type: "divider" },
                  { key: "logout", icon: <LogoutOutlined />, label: <span data-testid="menu-logout">退出登录</span> },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu">
                <Space size={6}>
                  <UserOutlined />
                  <span data-testid="user-menu-name">{session.name}</span>
                  <Typography.Text type="secondary" data-testid="user-menu-role">
                    {ROLE_LABELS[session.role]}
                  </Typography.Text>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          </Header>
          <Content style={{ padding: 24 }}>
            <Outlet />
          </Content>
        </Layout>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </LeaveGuardContext.Provider>
  );
}
