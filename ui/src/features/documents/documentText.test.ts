import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import {
  expiryText,
  missingCharsText,
  previewMessage,
  shortHash,
  signedDocumentDetails,
  templateInstalledText,
  templateSourceText,
} from "./documentText";

describe("expiryText", () => {
  it.each([
    [30, "还有 30 天"],
    [1, "还有 1 天"],
    [0, "今天到期"],
    [-1, "已到期 1 天"],
    [-45, "已到期 45 天"],
    [BigInt(7), "还有 7 天"],
  ] as const)("%s → %s", (days, expected) => {
    expect(expiryText(days)).toBe(expected);
  });
});

describe("preview texts", () => {
  it("names the pages and the file", () => {
    expect(previewMessage({ pages: 3, path: "/tmp/yiyang-documents/合作协议-a-1-预览.pdf" })).toBe(
      "已生成预览（共 3 页），已用系统阅读器打开：/tmp/yiyang-documents/合作协议-a-1-预览.pdf",
    );
  });

  it.each([
    [[], undefined],
    [["𠮷"], "PDF 字体缺少这些字：𠮷，签署前请核对"],
    [["𠮷", "䶮"], "PDF 字体缺少这些字：𠮷、䶮，签署前请核对"],
  ] as const)("missing %j → %s", (chars, expected) => {
    expect(missingCharsText(chars)).toBe(expected);
  });
});

describe("signed document details", () => {
  it("shortens the hash to 16 hex characters", () => {
    expect(shortHash("0123456789abcdef0123456789abcdef")).toBe("0123456789abcdef…");
    expect(shortHash("abc")).toBe("abc");
  });

  it("lists pages, signatories, the local signing time and the PDF hash", () => {
    const signedAt = "2026-03-01T02:30:00Z";
    expect(
      signedDocumentDetails({ pages: 2, signatories: ["林晓燕", "王院长"], signedAt, pdfSha256: "f".repeat(64) }),
    ).toEqual([
      "共 2 页",
      "签署人：林晓燕、王院长",
      `签署时间：${dayjs(signedAt).format("YYYY-MM-DD HH:mm")}`,
      "PDF SHA-256：ffffffffffffffff…",
    ]);
  });
});

describe("template texts", () => {
  it.each([
    [{ builtin: true, installedAt: null }, "内置"],
    [{ builtin: false, installedAt: null }, "内置"],
    [
      { builtin: false, installedAt: "2026-05-01T01:00:00Z" },
      `安装于 ${dayjs("2026-05-01T01:00:00Z").format("YYYY-MM-DD HH:mm")}`,
    ],
  ] as const)("source %j → %s", (t, expected) => {
    expect(templateSourceText(t)).toBe(expected);
  });

  it("names the installed title and version", () => {
    expect(templateInstalledText({ title: "医养服务合作协议", version: 2 })).toBe("已安装「医养服务合作协议」第 2 版");
  });
});
