/** The new-user form's values and their conversion to the IPC input. Only shaping: Rust checks. */
import type { Institution, Role, UserInput } from "../../ipc";
import { CLINIC_ROLES } from "../../shared/labels";

export const USER_FIELDS = [
  "login",
  "name",
  "role",
  "institutionId",
  "password",
  "passwordAgain",
] as const satisfies readonly (keyof UserInput)[];

export type UserField = (typeof USER_FIELDS)[number];

export type UserFormValues = { [K in keyof UserInput]?: UserInput[K] | undefined };

export function toUserInput(v: UserFormValues): UserInput {
  return {
    login: v.login ?? "",
    name: v.name ?? "",
    role: v.role ?? null,
    institutionId: v.institutionId ?? "",
    password: v.password ?? "",
    passwordAgain: v.passwordAgain ?? "",
  };
}

/**
 * Where a user of `role` may belong: the clinic's own staff to the clinic itself, a
 * 养老机构管理员 to one of the partner nursing homes. No role chosen yet: nothing.
 */
export function institutionChoices(
  role: Role | null | undefined,
  clinic: Institution,
  nursingHomes: readonly Institution[],
): Institution[] {
  if (!role) return [];
  return CLINIC_ROLES.includes(role) ? [clinic] : [...nursingHomes];
}

/** The institution to preselect after the role changed: the only choice, if there is one. */
export function defaultInstitutionId(choices: readonly Institution[], current: string | undefined): string | undefined {
  if (current && choices.some((c) => c.id === current)) return current;
  return choices.length === 1 ? choices[0].id : undefined;
}
