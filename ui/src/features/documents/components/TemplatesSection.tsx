/**
 * 设置 → 文书模板: the template versions of each document, and installing a new version the
 * county sent as a .json file (Rust checks every part of it before saving).
 */
import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import type { IpcError, TemplateSummary } from "../../../ipc";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { DOCUMENT_KIND_LABELS } from "../../../shared/labels";
import { readFileText } from "../../../shared/readFileText";
import { templateInstalledText, templateSourceText } from "../documentText";
import { useInstallTemplate, useTemplates } from "../hooks/useDocuments";

export interface TemplatesSectionProps {
  /** May install new versions (who may manage agreements). */
  canInstall: boolean;
}

export function TemplatesSection({ canInstall }: TemplatesSectionProps) {
  const { message } = App.useApp();
  const list = useTemplates();
  const install = useInstallTemplate();
  const fileRef = useRef<HTMLInputElement>(null);
  const [failure, setFailure] = useState<IpcError>();

  const picked = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Cleared so that picking the same file again (after fixing it) is noticed.
    input.value = "";
    if (!file || install.running) return;
    setFailure(undefined);
    let text: string;
    try {
      text = await readFileText(file);
    } catch {
      setFailure({ code: "io", message: `无法读取文件「${file.name}」`, fields: [] });
      return;
    }
    const r = await install.run(text);
    if (r.ok) {
      message.success(templateInstalledText(r.value));
      list.reload();
    } else {
      setFailure(r.error);
    }
  };

  return (
    <Card
      title="文书模板"
      style={{ marginTop: 16 }}
      data-testid="settings-templates"
      extra={
        canInstall && (
          <>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              style={{ display: "none" }}
              data-testid="template-file"
              onChange={(e) => void picked(e.currentTarget)}
            />
            <Button
              icon={<UploadOutlined />}
              loading={install.running}
              onClick={() => fileRef.current?.click()}
              data-testid="template-install"
            >
              安装新版本模板…
            </Button>
          </>
        )
      }
    >
      <FailureBanner failure={failure} onClose={() => setFailure(undefined)} testId="template-install-error" />
      {list.error && (
        <Alert type="error" showIcon message="无法读取文书模板" description={list.error.message} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="templates-table">
        <Table<TemplateSummary>
          size="small"
          rowKey={(t) => `${t.kind}-${t.version}`}
          loading={list.loading}
          dataSource={list.templates}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: "没有文书模板" }}
          onRow={(t) =>
            ({ "data-testid": "template-row", "data-kind": t.kind, "data-version": t.version }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: "类型", key: "kind", width: 130, render: (_: unknown, t: TemplateSummary) => DOCUMENT_KIND_LABELS[t.kind] },
            { title: "版本", key: "version", width: 80, render: (_: unknown, t: TemplateSummary) => `第 ${t.version} 版` },
            {
              title: "说明",
              key: "description",
              render: (_: unknown, t: TemplateSummary) => (
                <Space direction="vertical" size={0}>
                  <span>{t.title}</span>
                  {t.description && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t.description}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: "来源", key: "source", width: 180, render: (_: unknown, t: TemplateSummary) => templateSourceText(t) },
            {
              title: "当前使用",
              key: "current",
              width: 100,
              render: (_: unknown, t: TemplateSummary) => (t.current ? <Tag color="green">当前使用</Tag> : null),
            },
          ]}
        />
      </div>
      {canInstall && (
        <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0" }}>
          县级下发的新版本模板（.json 文件）安装后，新签署的文书使用最高版本；已签署的 PDF 不受影响。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
