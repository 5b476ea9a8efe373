import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { objectFields } from "../../test/bindingsSource";
import { toAuditQuery, verificationText } from "./auditQuery";

describe("toAuditQuery", () => {
  it("sends every field of AuditQuery, unset filters as null", () => {
    const q = toAuditQuery({}, 1);
    expect(Object.keys(q).sort()).toEqual(objectFields("AuditQuery").sort());
    expect(q).toEqual({ page: 1, pageSize: 50, from: null, to: null, userId: null, action: null, recordId: null });
  });

  it("writes picked days as YYYY-MM-DD and trims the record id", () => {
    expect(
      toAuditQuery(
        {
          dates: [dayjs("2026-11-01T23:30:00"), dayjs("2026-11-22T00:10:00")],
          userId: "u-1",
          action: "view_resident",
          recordId: "  r-42 ",
        },
        3,
        20,
      ),
    ).toEqual({
      page: 3,
      pageSize: 20,
      from: "2026-11-01",
      to: "2026-11-22",
      userId: "u-1",
      action: "view_resident",
      recordId: "r-42",
    });
    expect(toAuditQuery({ dates: [dayjs("2026-11-01"), null], recordId: "  " }, 1)).toMatchObject({
      from: "2026-11-01",
      to: null,
      recordId: null,
    });
  });
});

describe("verificationText", () => {
  it("reports an intact chain with its length, or the first bad entry", () => {
    expect(verificationText({ intact: true, checked: 1234, firstBadSeq: null })).toBe("审计日志完整，共 1234 条");
    expect(verificationText({ intact: false, checked: 57, firstBadSeq: 57 })).toBe("第 57 条记录被篡改或缺失");
    expect(verificationText({ intact: false, checked: 0, firstBadSeq: null })).toBe("审计日志未通过核验");
  });
});
