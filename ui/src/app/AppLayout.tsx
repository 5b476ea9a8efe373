/** The shell: left menu, header with institution and user, and the current screen. */
import { UserOutlined } from "@ant-design/icons";
import { Layout, Menu, Space, Typography } from "antd";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { INSTITUTION_KIND_LABELS } from "../shared/labels";
import { NAV_ENTRIES } from "./navigation";
import { useSetup } from "./SetupContext";

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { institution, user } = useSetup();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = location.pathname.split("/")[1] || "residents";

  return (
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
          onClick={({ key }) => navigate(`/${key}`)}
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
  );
}
