import { describe, expect, it } from "vitest";
import { unionMembers } from "../../test/bindingsSource";
import {
  CONTRACT_STATUS_LABELS,
  PACKAGE_KIND_LABELS,
  POPULATION_CATEGORY_LABELS,
  TEAM_ROLE_LABELS,
  TERMINATION_REASON_LABELS,
} from "../../shared/labels";

describe("contract labels", () => {
  it.each([
    ["ContractStatus", CONTRACT_STATUS_LABELS],
    ["TerminationReason", TERMINATION_REASON_LABELS],
    ["PopulationCategory", POPULATION_CATEGORY_LABELS],
    ["PackageKind", PACKAGE_KIND_LABELS],
    ["TeamRole", TEAM_ROLE_LABELS],
  ] as [string, Record<string, string>][])("%s: one Chinese label for every value in bindings.ts", (union, labels) => {
    expect(Object.keys(labels).sort()).toEqual(unionMembers(union).sort());
    for (const l of Object.values(labels)) expect(l).toMatch(/\p{Script=Han}/u);
  });

  it("reads the statuses and reasons as the clinic does", () => {
    expect(Object.values(CONTRACT_STATUS_LABELS)).toEqual(["待签约", "签约", "续约", "解约"]);
    expect(Object.values(TERMINATION_REASON_LABELS)).toEqual(["失访", "迁出", "死亡", "拒绝续签", "改签其他团队", "其他"]);
    expect(Object.values(TEAM_ROLE_LABELS)).toEqual(["全科医生", "护士", "公卫人员", "乡村医生", "其他"]);
  });
});
