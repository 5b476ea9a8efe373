import { describe, expect, it } from "vitest";
import type { CareTeam, StaffMember } from "../../ipc";
import { objectFields } from "../../test/bindingsSource";
import {
  TEAM_FIELDS,
  leaderOf,
  newTeamValues,
  suggestedDoctor,
  teamRoleOf,
  teamToFormValues,
  toTeamInput,
  withLeader,
} from "./teamForm";

const team: CareTeam = {
  id: "t-1",
  version: 2 as unknown as CareTeam["version"],
  name: "城关一队",
  activeContracts: 4,
  members: [
    { userId: "u-3", name: "周护士", role: "nurse", leader: false },
    { userId: "u-2", name: "王医生", role: "doctor", leader: true },
    { userId: null, name: "李乡医", role: "village_doctor", leader: false },
  ],
};
const doctors: StaffMember[] = [
  { id: "u-2", name: "王医生", role: "doctor" },
  { id: "u-5", name: "赵医生", role: "doctor" },
];

describe("team form", () => {
  it("names every field of TeamInput", () => {
    expect([...TEAM_FIELDS].sort()).toEqual(objectFields("TeamInput").sort());
  });

  it("round-trips a stored team", () => {
    expect(toTeamInput(teamToFormValues(team))).toEqual({ name: "城关一队", members: team.members });
  });

  it("sends typed members without an account, blanks as empty", () => {
    expect(toTeamInput({ name: "二队", members: [{ userId: "", name: "李乡医" }, {}] })).toEqual({
      name: "二队",
      members: [
        { userId: null, name: "李乡医", role: "other", leader: false },
        { userId: null, name: "", role: "other", leader: false },
      ],
    });
    expect(newTeamValues().members).toHaveLength(1);
  });

  it("keeps one leader", () => {
    const m = withLeader(team.members, 2);
    expect(m.map((x) => x.leader)).toEqual([false, false, true]);
    expect(leaderOf(team)?.name).toBe("王医生");
  });

  it("suggests a role and the responsible doctor", () => {
    expect(teamRoleOf("doctor")).toBe("doctor");
    expect(teamRoleOf("public_health")).toBe("public_health");
    expect(teamRoleOf("clinic_admin")).toBe("other");
    expect(suggestedDoctor(team, doctors)).toBe("u-2");
    expect(suggestedDoctor({ members: [team.members[0]] }, doctors)).toBeUndefined();
    expect(suggestedDoctor(undefined, doctors)).toBeUndefined();
  });
});
