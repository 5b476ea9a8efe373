/**
 * The 家庭医生团队 form and its conversion to `TeamInput`. Only shaping: Rust checks names, the one
 * 团队长 and that the team has a doctor.
 */
import type { CareTeam, Role, StaffMember, TeamInput, TeamMember, TeamRole } from "../../ipc";

export const TEAM_FIELDS = ["name", "members"] as const satisfies readonly (keyof TeamInput)[];
export type TeamField = (typeof TEAM_FIELDS)[number];

/** One row of the members list. */
export interface MemberValues {
  /** The staff account picked from the list; empty when the name was typed. */
  userId?: string | null;
  name?: string;
  role?: TeamRole;
  leader?: boolean;
}

export interface TeamFormValues {
  name?: string;
  members?: MemberValues[];
}

export function newTeamValues(): TeamFormValues {
  return { name: "", members: [{ userId: null, name: "", role: "doctor", leader: true }] };
}

export function teamToFormValues(t: CareTeam): TeamFormValues {
  return { name: t.name, members: t.members.map((m) => ({ ...m })) };
}

export function toTeamInput(v: TeamFormValues): TeamInput {
  return {
    name: v.name ?? "",
    members: (v.members ?? []).map(
      (m): TeamMember => ({
        userId: m?.userId ? m.userId : null,
        name: m?.name ?? "",
        role: m?.role ?? "other",
        leader: m?.leader ?? false,
      }),
    ),
  };
}

/** The team role a staff account suggests when it is picked. */
export function teamRoleOf(role: Role): TeamRole {
  switch (role) {
    case "doctor":
      return "doctor";
    case "nurse":
      return "nurse";
    case "public_health":
      return "public_health";
    default:
      return "other";
  }
}

/** Members with `index` as the only 团队长. */
export function withLeader(members: readonly MemberValues[], index: number): MemberValues[] {
  return members.map((m, i) => ({ ...m, leader: i === index }));
}

/** The 团队长 of a stored team (the first, should Rust ever send more than one). */
export function leaderOf(t: Pick<CareTeam, "members">): TeamMember | undefined {
  return t.members.find((m) => m.leader);
}

/**
 * The responsible doctor to preselect for `team`: its members with a 医生 account, the 团队长
 * first; `undefined` when none of them is a doctor on this computer.
 */
export function suggestedDoctor(team: Pick<CareTeam, "members"> | undefined, doctors: readonly StaffMember[]): string | undefined {
  if (!team) return undefined;
  const ids = new Set(doctors.map((d) => d.id));
  const linked = team.members.filter((m) => m.userId !== null && ids.has(m.userId));
  const pick = linked.find((m) => m.leader) ?? linked[0];
  return pick?.userId ?? undefined;
}
