/** 签约 (`/contracts`): family-doctor contracts and the teams that hold them. */
import { Alert, Card, Tabs } from "antd";
import { useSearchParams } from "react-router-dom";
import { useStaff, useTeamList } from "../hooks/useTeams";
import { ContractsTab } from "./ContractsTab";
import { TeamsTab } from "./TeamsTab";

type TabKey = "contracts" | "teams";

export function ContractsPage() {
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get("tab") === "teams" ? "teams" : "contracts";
  const teams = useTeamList();
  const staff = useStaff();
  const doctors = staff.staff.filter((s) => s.role === "doctor");

  return (
    <Card title="家庭医生签约">
      {staff.error && (
        <Alert type="error" showIcon message="无法读取本机构人员" description={staff.error.message} style={{ marginBottom: 16 }} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === "teams" ? { tab: "teams" } : {}, { replace: true })}
        items={[
          {
            key: "contracts",
            label: <span data-testid="tab-contracts">签约</span>,
            children: <ContractsTab teams={teams.teams} doctors={doctors} onChanged={teams.reload} />,
          },
          {
            key: "teams",
            label: <span data-testid="tab-teams">家庭医生团队</span>,
            children: (
              <TeamsTab
                teams={teams.teams}
                loading={teams.loading}
                error={teams.error}
                staff={staff.staff}
                reload={teams.reload}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
