/**
 * 新增 / 更正 one entry in a drawer. Enter moves to the next field and saves in the last one,
 * Ctrl+S saves, Esc closes (asking first if anything was typed). Rust checks everything; its
 * messages show under the fields they name and nothing typed is lost.
 */
import { App, Button, DatePicker, Drawer, Form, Input, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useMemo, useState } from "react";
import type { KeyboardEvent } from "react";
import { useUnsavedInput } from "../../../app/leaveGuard";
import type { CareRecord } from "../../../ipc";
import { isSubmitEnter } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { focusableIn, useFormKeys } from "../../../shared/useFormKeys";
import { HC_SECTIONS, sectionOf } from "../healthCheckFields";
import type { HcSectionKey } from "../healthCheckFields";
import { useSaveRecord } from "../hooks/useSaveRecord";
import { useScaleSpec } from "../hooks/useScaleSpec";
import {
  DATE_FORMAT,
  defaultValues,
  formFields,
  remapIssues,
  scaleOf,
  toRecordInput,
  valuesFromRecord,
} from "../recordForm";
import type { RecordFormValues } from "../recordForm";
import type { FormTarget } from "../recordKinds";
import { targetKey, targetTitle } from "../recordKinds";
import { KindForm } from "./forms/KindForm";

export interface RecordDrawerProps {
  residentId: string;
  /** The form to show; `null`: closed. */
  target: FormTarget | null;
  /** The entry being corrected, if any. */
  correcting: CareRecord | null;
  onClose: () => void;
  onSaved: (record: CareRecord) => void;
}

export function RecordDrawer({ residentId, target, correcting, onClose, onSaved }: RecordDrawerProps) {
  const wide = target?.kind === "health_check" || target?.kind === "assessment";
  return (
    <Drawer
      open={target !== null}
      title={target ? `${correcting ? "更正" : "新增"}：${targetTitle(target)}` : ""}
      width={wide ? 960 : 600}
      keyboard={false}
      maskClosable={false}
      closable={false}
      destroyOnHidden
    >
      {target && (
        <RecordEditor
          key={`${targetKey(target)}:${correcting?.id ?? "new"}`}
          residentId={residentId}
          target={target}
          correcting={correcting}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Drawer>
  );
}

function RecordEditor({ residentId, target, correcting, onClose, onSaved }: RecordDrawerProps & { target: FormTarget }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<RecordFormValues>();
  const fields = useMemo(() => formFields(target.kind, correcting !== null), [target.kind, correcting]);
  const failure = useFormFailure<string>(fields);
  const { save, saving } = useSaveRecord();
  const scale = scaleOf(target);
  const spec = useScaleSpec(scale);
  const [confirming, setConfirming] = useState(false);
  const [showMissing, setShowMissing] = useState(false);
  const [openSections, setOpenSections] = useState<HcSectionKey[]>(HC_SECTIONS.map((s) => s.key));
  const initialValues = useMemo(
    () => (correcting ? valuesFromRecord(correcting)?.values : undefined) ?? defaultValues(target, dayjs()),
    [correcting, target],
  );
  const { fieldErrors } = failure;

  const submit = useCallback(async () => {
    if (saving) return;
    const values = form.getFieldsValue(true) as RecordFormValues;
    const input = toRecordInput(residentId, target, values, spec.spec?.items.length);
    failure.clearBanner();
    const r = await save(
      input,
      correcting ? { recordId: correcting.id, reason: String(values.correctionReason ?? "") } : null,
    );
    if (r.ok) {
      message.success(correcting ? "记录已更正" : "记录已保存");
      onSaved(r.value);
      return;
    }
    const issues = remapIssues(target.kind, r.error.fields, correcting !== null);
    failure.show({ ...r.error, fields: issues });
    setShowMissing(true);
    const named = new Set(issues.map((i) => i.field));
    if (target.kind === "health_check") {
      const withErrors = [...named].map(sectionOf).filter((k): k is HcSectionKey => k !== undefined);
      setOpenSections((open) => [...new Set([...open, ...withErrors])]);
    }
    const first = fields.find((f) => named.has(f));
    if (first && first !== "answers" && first !== "abilityFactors") form.scrollToField(first, { block: "center" });
  }, [saving, form, residentId, target, spec.spec, failure, save, correcting, message, onSaved, fields]);

  const cancel = useCallback(() => {
    if (!form.isFieldsTouched()) {
      onClose();
      return;
    }
    setConfirming(true);
    modal.confirm({
      title: "放弃已填写的内容？",
      okText: "放弃",
      cancelText: "继续填写",
      onOk: onClose,
      afterClose: () => setConfirming(false),
    });
  }, [form, onClose, modal]);

  const rootRef = useFormKeys<HTMLDivElement>({ onSave: () => void submit(), onCancel: cancel, enabled: !confirming });
  useUnsavedInput(() => form.isFieldsTouched());

  /** Enter in the last text box saves (elsewhere it moves on, see useFormKeys). */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const root = rootRef.current;
    if (!root || !isSubmitEnter(e)) return;
    const inputs = focusableIn(root).filter((el) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement);
    if (inputs[inputs.length - 1] !== e.target) return;
    e.preventDefault();
    e.stopPropagation();
    void submit();
  };

  const item = (field: string) => ({ name: field, ...fieldErrors.itemProps(field) });

  return (
    <div ref={rootRef} onKeyDown={onKeyDown} data-testid="record-form">
      <FailureBanner failure={failure.banner} onClose={failure.clearBanner} />
      <Form<RecordFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={() => void submit()}
        onValuesChange={(changed: Record<string, unknown>) => fieldErrors.clear(Object.keys(changed))}
      >
        {correcting && (
          <Form.Item label="更正原因" required {...item("correctionReason")}>
            <Input.TextArea
              data-testid="rec-correctionReason"
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder="如：血压数值抄录错误"
              autoFocus
            />
          </Form.Item>
        )}
        <Space size={16} wrap align="start">
          <Form.Item
            label={target.kind === "health_check" ? "体检日期" : "服务日期"}
            required
            {...item("occurredOn")}
          >
            <DatePicker data-testid="rec-occurredOn" format={DATE_FORMAT} allowClear={false} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="地点" {...item("place")}>
            <Input data-testid="rec-place" placeholder="如：敬老院名称、卫生院" autoComplete="off" style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <KindForm
          target={target}
          form={form}
          item={item}
          errorOf={fieldErrors.itemProps}
          spec={spec.spec}
          specError={spec.error}
          showMissing={showMissing}
          onAnswered={() => fieldErrors.clear(["answers"])}
          openSections={openSections}
          onOpenSections={setOpenSections}
        />
      </Form>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={saving} data-testid="record-save" onClick={() => void submit()}>
          保存
        </Button>
        <Button data-testid="record-cancel" onClick={cancel}>
          取消
        </Button>
        <Typography.Text type="secondary">Enter 下一项 · Ctrl+S 保存 · Esc 关闭</Typography.Text>
      </Space>
    </div>
  );
}
