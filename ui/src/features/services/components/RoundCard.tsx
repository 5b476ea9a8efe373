/** The right column of rounds mode: the current resident and the inputs of their round. */
import { Alert, Button, Card, Col, Form, Input, Popover, Row, Space, Tag, Typography } from "antd";
import type { InputRef } from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea";
import type { KeyboardEvent, Ref } from "react";
import type { AbsenceReason, IpcError, RoundInput, RoundRow } from "../../../ipc";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { formatDateTime } from "../../../shared/format";
import { ABSENCE_REASON_LABELS, DISABILITY_GRADE_LABELS, SEX_LABELS } from "../../../shared/labels";
import type { FieldErrors } from "../../../shared/useFieldErrors";
import { roomBed } from "../dueDisplay";
import { ABSENCE_KEYS, flagText, todaysFlags } from "../rounds";
import type { RoundField } from "../rounds";
import { DueTag } from "./DueBadge";

export interface RoundFieldRefs {
  systolic: Ref<InputRef>;
  diastolic: Ref<InputRef>;
  pulse: Ref<InputRef>;
  glucose: Ref<InputRef>;
  note: Ref<TextAreaRef>;
}

export interface RoundCardProps {
  row: RoundRow;
  values: RoundInput;
  onChange: (field: RoundField, value: string) => void;
  fieldErrors: FieldErrors<RoundField>;
  banner: IpcError | undefined;
  onCloseBanner: () => void;
  refs: RoundFieldRefs;
  /** Enter in an input. */
  onInputKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  saving: boolean;
  onSave: () => void;
  absenceOpen: boolean;
  onAbsenceOpenChange: (open: boolean) => void;
  onAbsence: (reason: AbsenceReason) => void;
  onPrevious: () => void;
  onNext: () => void;
  isFirst: boolean;
  isLast: boolean;
}

function AbsenceChoices({ onAbsence, saving }: { onAbsence: (r: AbsenceReason) => void; saving: boolean }) {
  return (
    <div data-testid="round-absence-popover" style={{ width: 180 }}>
      <Space direction="vertical" style={{ width: "100%" }} size={4}>
        {ABSENCE_KEYS.map((reason, i) => (
          <Button
            key={reason}
            block
            size="small"
            disabled={saving}
            data-testid={`round-absence-${reason}`}
            onClick={() => onAbsence(reason)}
            style={{ textAlign: "left" }}
          >
            <Typography.Text keyboard>{i + 1}</Typography.Text> {ABSENCE_REASON_LABELS[reason]}
          </Button>
        ))}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        按 1–4 选择，Esc 取消；备注一并保存
      </Typography.Text>
    </div>
  );
}

export function RoundCard(p: RoundCardProps) {
  const { row, values, fieldErrors, refs } = p;
  const flags = todaysFlags(row);
  const numeric = (field: Exclude<RoundField, "note">, label: string, unit: string, ref: Ref<InputRef>) => (
    <Form.Item label={label} {...fieldErrors.itemProps(field)} style={{ marginBottom: 12 }}>
      <Input
        ref={ref}
        data-testid={`round-${field}`}
        inputMode={field === "glucose" ? "decimal" : "numeric"}
        autoComplete="off"
        value={values[field]}
        onChange={(e) => p.onChange(field, e.target.value)}
        suffix={<Typography.Text type="secondary">{unit}</Typography.Text>}
      />
    </Form.Item>
  );

  return (
    <Card
      data-testid="round-card"
      data-resident={row.residentId}
      title={
        <Space wrap size={12}>
          <Typography.Text strong style={{ fontSize: 18 }} data-testid="round-name">
            {row.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {SEX_LABELS[row.sex]} · {row.age} 岁 · {roomBed(row.room, row.bed)}
          </Typography.Text>
          <Tag>{row.disability ? DISABILITY_GRADE_LABELS[row.disability] : "未评估失能等级"}</Tag>
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <span>定期巡诊</span>
        <DueTag state={row.due.state} testId="round-due" />
        <Typography.Text type="secondary">{row.due.reason}</Typography.Text>
      </Space>

      {row.today && (
        <Alert
          data-testid="round-existing"
          type={row.today.detail.kind === "round_absence" ? "warning" : "success"}
          showIcon
          style={{ marginBottom: 12 }}
          message="已记录，重新保存将更正"
          description={
            <span>
              {row.today.summary}
              <Typography.Text type="secondary">
                {" "}
                · {row.today.recordedByName} {formatDateTime(row.today.recordedAt)}
              </Typography.Text>
              {flags.length > 0 && (
                <span data-testid="round-flags" style={{ display: "block", color: "#cf1322" }}>
                  {flags.map(flagText).join("；")}
                </span>
              )}
            </span>
          }
        />
      )}

      <FailureBanner failure={p.banner} onClose={p.onCloseBanner} testId="round-error" />

      <Form layout="vertical" component="div" onKeyDown={p.onInputKeyDown} data-testid="round-form">
        <Row gutter={12}>
          <Col xs={12} md={6}>
            {numeric("systolic", "收缩压", "mmHg", refs.systolic)}
          </Col>
          <Col xs={12} md={6}>
            {numeric("diastolic", "舒张压", "mmHg", refs.diastolic)}
          </Col>
          <Col xs={12} md={6}>
            {numeric("pulse", "脉搏", "次/分", refs.pulse)}
          </Col>
          <Col xs={12} md={6}>
            {numeric("glucose", "血糖（可选）", "mmol/L", refs.glucose)}
          </Col>
        </Row>
        <Form.Item label="备注" {...fieldErrors.itemProps("note")} style={{ marginBottom: 12 }}>
          <Input.TextArea
            ref={refs.note}
            data-testid="round-note"
            autoSize={{ minRows: 1, maxRows: 3 }}
            value={values.note}
            onChange={(e) => p.onChange("note", e.target.value)}
          />
        </Form.Item>
      </Form>

      <Space wrap>
        <Button type="primary" data-testid="round-save" loading={p.saving} onClick={p.onSave}>
          保存并下一位（Enter）
        </Button>
        <Popover
          open={p.absenceOpen}
          onOpenChange={p.onAbsenceOpenChange}
          trigger="click"
          title="未见原因"
          content={<AbsenceChoices onAbsence={p.onAbsence} saving={p.saving} />}
        >
          <Button data-testid="round-absent" disabled={p.saving}>
            未见（Alt+A / F8）
          </Button>
        </Popover>
        <Button data-testid="round-prev" disabled={p.isFirst} onClick={p.onPrevious}>
          上一位（PageUp）
        </Button>
        <Button data-testid="round-next" disabled={p.isLast} onClick={p.onNext}>
          下一位（PageDown）
        </Button>
      </Space>
    </Card>
  );
}
