/** 家庭医生团队 tab: the clinic's teams, their members and current contracts; 新建 / 编辑. */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Table, Tag } from "antd";
import { useState } from "react";
import type { CareTeam, IpcError, StaffMember, TeamMember } from "../../../ipc";
import { useCan } from "../../../app/SessionContext";
import { TEAM_ROLE_LABELS } from "../../../shared/labels";
import { leaderOf } from "../teamForm";
import { TeamFormDrawer } from "./TeamFormDrawer";

export interface TeamsTabProps {
  teams: readonly CareTeam[];
  loading: boolean;
  error: IpcError | undefined;
  staff: readonly StaffMember[];
  reload: () => void;
}

export function TeamsTab({ teams, loading, error, staff, reload }: TeamsTabProps) {
  const canManage = useCan("manage_teams");
  /** `null`: the new-team form; a string: the id of the team being edited. */
  const [editing, setEditing] = useState<string | null>();
  const editedTeam = typeof editing === "string" ? teams.find((t) => t.id === editing) : undefined;

  return (
    <>
      {error && (
        <Alert type="error" showIcon message="无法读取团队列表" description={error.message} style={{ marginBottom: 16 }} />
      )}
      {canManage && (
        <Space style={{ marginBottom: 16, width: "100%", justifyContent: "flex-end" }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="team-new">
            新建团队
          </Button>
        </Space>
      )}
      <div data-testid="teams-table">
        <Table<CareTeam>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={[...teams]}
          pagination={false}
          locale={{ emptyText: "还没有家庭医生团队" }}
          onRow={(t) => ({ "data-testid": "team-row", "data-team-id": t.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: "团队名称", dataIndex: "name", width: 200 },
            {
              title: "团队长",
              key: "leader",
              width: 120,
              render: (_: unknown, t: CareTeam) => leaderOf(t)?.name ?? "—",
            },
            {
              title: "成员",
              key: "members",
              render: (_: unknown, t: CareTeam) => (
                <Space size={[4, 4]} wrap>
                  {t.members.map((m: TeamMember, i) => (
                    <Tag key={`${m.userId ?? m.name}:${i}`} color={m.leader ? "blue" : undefined}>
                      {m.name}（{TEAM_ROLE_LABELS[m.role]}
                      {m.leader ? "，团队长" : ""}）
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: "在约居民",
              dataIndex: "activeContracts",
              width: 100,
              render: (n: number) => <span data-testid="team-active-contracts">{n}</span>,
            },
            ...(canManage
              ? [
                  {
                    title: "操作",
                    key: "actions",
                    width: 90,
                    render: (_: unknown, t: CareTeam) => (
                      <Button size="small" onClick={() => setEditing(t.id)} data-testid="team-edit">
                        编辑
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      {canManage && (
        <TeamFormDrawer
          open={editing !== undefined && (editing === null || editedTeam !== undefined)}
          team={editedTeam}
          staff={staff}
          onClose={() => setEditing(undefined)}
          onSaved={() => reload()}
          onReload={reload}
        />
      )}
    </>
  );
}
