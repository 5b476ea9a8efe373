/** 变更状态: 迁出 / 死亡 (with date) or back to 在档. Rust checks every field. */
import { DatePicker, Form, Input, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { IpcError, Resident, ResidentStatus } from "../../../ipc";
import { FormErrorBanner } from "../../../shared/FormErrorBanner";
import { RESIDENT_STATUS_LABELS, optionsOf } from "../../../shared/labels";
import { useFieldErrors } from "../../../shared/useFieldErrors";
import { useChangeStatus } from "../hooks/useSaveResident";

const STATUS_FIELDS = ["status", "date", "note"] as const;
type StatusField = (typeof STATUS_FIELDS)[number];

interface StatusFormValues {
  status?: ResidentStatus;
  date?: Dayjs | null;
  note?: string;
}

export interface StatusChangeModalProps {
  resident: Resident;
  open: boolean;
  onClose: () => void;
  onChanged: (r: Resident) => void;
}

export function StatusChangeModal({ resident, open, onClose, onChanged }: StatusChangeModalProps) {
  const [form] = Form.useForm<StatusFormValues>();
  const { change, saving } = useChangeStatus();
  const fieldErrors = useFieldErrors<StatusField>(STATUS_FIELDS);
  const [failure, setFailure] = useState<IpcError>();
  const status = Form.useWatch("status", form);

  const submit = async () => {
    const v = form.getFieldsValue(true) as StatusFormValues;
    setFailure(undefined);
    const r = await change({
      id: resident.id,
      baseVersion: resident.version,
      status: v.status ?? resident.status,
      // The person picked this calendar date; it is only written out as `YYYY-MM-DD`.
      date: v.date ? v.date.format("YYYY-MM-DD") : "",
      note: v.note ?? "",
    });
    if (r.ok) {
      onChanged(r.value);
      return;
    }
    const unmatched = fieldErrors.showIssues(r.error.fields);
    if (r.error.code !== "validation" || unmatched.length > 0 || r.error.fields.length === 0) {
      setFailure({ ...r.error, fields: unmatched });
    }
  };

  return (
    <Modal
      title={`变更档案状态：${resident.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确定"
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "status-submit" }}
      destroyOnHidden
    >
      {failure && (
        <FormErrorBanner
          message={
            failure.code === "version_conflict" ? "档案在您打开之后已被修改，请关闭后刷新页面再试" : failure.message
          }
          description={failure.fields.map((f) => f.message).join("；") || undefined}
        />
      )}
      <Form<StatusFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ status: resident.status, note: "" }}
        onFinish={submit}
        onValuesChange={(changed: Partial<StatusFormValues>) =>
          fieldErrors.clear(Object.keys(changed) as StatusField[])
        }
      >
        <Form.Item name="status" label="状态" {...fieldErrors.itemProps("status")}>
          <Select data-testid="status-select" options={optionsOf(RESIDENT_STATUS_LABELS)} />
        </Form.Item>
        <Form.Item
          name="date"
          label={status === "deceased" ? "死亡日期" : status === "moved" ? "迁出日期" : "日期"}
          required={status === "moved" || status === "deceased"}
          {...fieldErrors.itemProps("date")}
        >
          <DatePicker data-testid="status-date" format="YYYY-MM-DD" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="note" label="说明" {...fieldErrors.itemProps("note")}>
          <Input.TextArea data-testid="status-note" rows={3} placeholder="如：迁往某县；死亡原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
