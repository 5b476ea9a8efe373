/** The shell: left menu, header with institution and user, and the current screen. */
import { UserOutlined } from "@ant-design/icons";
import { App, Layout, Menu, Space, Typography } from "antd";
import { useMemo } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { INSTITUTION_KIND_LABELS } from "../shared/labels";
import { NAV_ENTRIES } from "./navigation";
import { createLeaveGuard, LeaveGuardContext } from "./leaveGuard";
import { useSetup } from "./SetupContext";

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { institution, user } = useSetup();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = location.pathname.split("/")[1] || "residents";
  const { modal } = App.useApp();
  const guard = useMemo(createLeaveGuard, []);

  // A sidebar click must not silently drop what a form holds.
  const go = (key: string) => {
    if (!guard.hasUnsaved()) {
      navigate(`/${key}`);
      return;
    }
    modal.confirm({
      title: "放弃未保存的修改？",
      content: "当前表单中填写的内容还没有保存。",
      okText: "放弃并离开",
      cancelText: "继续编辑",
      onOk: () => navigate(`/${key}`),
    });
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
            onClick={({ key }) => go(key)}
            items={NAV_ENTRIES.map((e) => ({
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
            </Space>
            <Space>
              <UserOutlined />
              <Typography.Text>{user.name}</Typography.Text>
            </Space>
          </Header>
          <Content style={{ padding: 24 }}>
            <Outlet />
          </Content>
        </Layout>
      </Layout>
    </LeaveGuardContext.Provider>
  );
}
