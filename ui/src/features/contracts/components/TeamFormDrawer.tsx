/**
 * 新建 / 编辑家庭医生团队: a name and its members, each picked from the clinic's staff accounts or
 * typed (e.g. a 乡村医生 without an account), with a team role and one 团队长.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, AutoComplete, Button, Drawer, Form, Input, Radio, Select, Space, Tag, Typography } from "antd";
import type { CareTeam, StaffMember } from "../../../ipc";
import { ROLE_LABELS, TEAM_ROLE_LABELS, optionsOf } from "../../../shared/labels";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useFormKeys } from "../../../shared/useFormKeys";
import { useCreateTeam, useUpdateTeam } from "../hooks/useTeams";
import { TEAM_FIELDS, newTeamValues, teamRoleOf, teamToFormValues, toTeamInput, withLeader } from "../teamForm";
import type { MemberValues, TeamField, TeamFormValues } from "../teamForm";
import { StepFailure } from "./StepFailure";

export interface TeamFormDrawerProps {
  open: boolean;
  /** The team being edited (its latest loaded version); none: a new team. */
  team: CareTeam | undefined;
  staff: readonly StaffMember[];
  onClose: () => void;
  onSaved: (t: CareTeam) => void;
  /** After a version conflict: reload the teams (the form restarts from the newest version). */
  onReload: () => void;
}

export function TeamFormDrawer({ open, team, ...rest }: TeamFormDrawerProps) {
  return (
    <Drawer
      title={team ? `编辑团队：${team.name}` : "新建家庭医生团队"}
      open={open}
      onClose={rest.onClose}
      width={720}
      destroyOnHidden
      maskClosable={false}
      keyboard={false}
    >
      {open && <TeamForm key={team ? `${team.id}:${String(team.version)}` : "new"} team={team} {...rest} />}
    </Drawer>
  );
}

function TeamForm({ team, staff, onClose, onSaved, onReload }: Omit<TeamFormDrawerProps, "open">) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TeamFormValues>();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const running = create.running || update.running;
  const failure = useFormFailure(TEAM_FIELDS);
  const members = (Form.useWatch("members", form) as MemberValues[] | undefined) ?? [];
  const rootRef = useFormKeys<HTMLDivElement>({ onSave: () => form.submit(), onCancel: onClose });

  const submit = async () => {
    if (running) return;
    failure.reset();
    const input = toTeamInput(form.getFieldsValue(true) as TeamFormValues);
    const r = team ? await update.run({ id: team.id, version: team.version, input }) : await create.run(input);
    if (r.ok) {
      message.success(team ? `已保存团队：${r.value.name}` : `已新建团队：${r.value.name}`);
      onSaved(r.value);
      onClose();
      return;
    }
    failure.show(r.error);
  };

  const setMember = (index: number, patch: Partial<MemberValues>) => {
    const list = [...((form.getFieldValue("members") as MemberValues[] | undefined) ?? [])];
    list[index] = { ...list[index], ...patch };
    form.setFieldValue("members", list);
    failure.fieldErrors.clear(["members"]);
  };

  const staffById = new Map(staff.map((s) => [s.id, s]));

  return (
    <div data-testid="team-form" ref={rootRef}>
      <StepFailure failure={failure.banner} onClose={failure.clearBanner} onReload={onReload} what="这个团队" />
      <Form<TeamFormValues>
        form={form}
        layout="vertical"
        initialValues={team ? teamToFormValues(team) : newTeamValues()}
        onFinish={() => void submit()}
        onValuesChange={(changed: TeamFormValues) => failure.fieldErrors.clear(Object.keys(changed) as TeamField[])}
      >
        <Form.Item name="name" label="团队名称" required {...failure.fieldErrors.itemProps("name")}>
          <Input data-testid="team-name" placeholder="如 城关第一家庭医生团队" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="团队成员"
          required
          extra="从本机构人员中选择，或直接输入姓名（如无账号的乡村医生）；须指定一名团队长，至少一名医生或乡村医生。"
          {...failure.fieldErrors.itemProps("members")}
        >
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <div data-testid="team-members">
                {fields.map((field, i) => {
                  const m = members[i];
                  const linked = m?.userId ? staffById.get(m.userId) : undefined;
                  return (
                    <Space key={field.key} align="center" style={{ display: "flex", marginBottom: 8 }} wrap>
                      <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                      <Form.Item name={[field.name, "name"]} noStyle>
                        <StaffNameInput
                          staff={staff}
                          testId={`team-member-name-${i}`}
                          onTyped={() => {
                            if (m?.userId) setMember(i, { userId: null });
                          }}
                          onPick={(s) => setMember(i, { userId: s.id, name: s.name, role: teamRoleOf(s.role) })}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, "role"]} noStyle>
                        <Select
                          data-testid={`team-member-role-${i}`}
                          options={optionsOf(TEAM_ROLE_LABELS)}
                          style={{ width: 130 }}
                        />
                      </Form.Item>
                      <Radio
                        checked={m?.leader === true}
                        onChange={() => {
                          form.setFieldValue("members", withLeader(members, i));
                          failure.fieldErrors.clear(["members"]);
                        }}
                        data-testid={`team-member-leader-${i}`}
                      >
                        团队长
                      </Radio>
                      {linked ? (
                        <Tag color="blue" data-testid={`team-member-account-${i}`}>
                          账号：{ROLE_LABELS[linked.role]}
                        </Tag>
                      ) : m?.userId ? (
                        <Tag>已关联账号</Tag>
                      ) : null}
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label="移除此成员"
                        onClick={() => {
                          remove(field.name);
                          failure.fieldErrors.clear(["members"]);
                        }}
                        data-testid={`team-member-remove-${i}`}
                      />
                    </Space>
                  );
                })}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ userId: null, name: "", role: "nurse", leader: false } satisfies MemberValues)}
                  data-testid="team-member-add"
                >
                  添加成员
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={running} data-testid="team-save">
            保存
          </Button>
          <Button onClick={onClose} data-testid="team-cancel">
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}

interface StaffNameInputProps {
  value?: string;
  onChange?: (name: string) => void;
  staff: readonly StaffMember[];
  testId: string;
  onTyped: () => void;
  onPick: (s: StaffMember) => void;
}

/** A member's name: typed, or picked from the staff list (which links the account). */
function StaffNameInput({ value, onChange, staff, testId, onTyped, onPick }: StaffNameInputProps) {
  const typed = (value ?? "").trim();
  const options = staff
    .filter((s) => typed === "" || s.name.includes(typed))
    .map((s) => ({
      value: s.id,
      label: (
        <span data-testid="staff-option">
          {s.name} <Typography.Text type="secondary">{ROLE_LABELS[s.role]}</Typography.Text>
        </span>
      ),
    }));
  return (
    <AutoComplete
      value={value ?? ""}
      options={options}
      filterOption={false}
      onChange={(next: string) => {
        // Picking an option also reports its value (the account id): onSelect handles that.
        if (staff.some((s) => s.id === next)) return;
        onChange?.(next);
        onTyped();
      }}
      onSelect={(id: string) => {
        const s = staff.find((x) => x.id === id);
        if (s) onPick(s);
      }}
      style={{ width: 200 }}
    >
      <Input data-testid={testId} placeholder="姓名" autoComplete="off" />
    </AutoComplete>
  );
}
