/** 新建 / 编辑居民档案 (`/residents/new`, `/residents/:id/edit`). */
import { Alert, App, Button, Form, Space, Spin, Typography } from "antd";
import { useCallback, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { IdNumberFacts, IpcError, Resident } from "../../../ipc";
import { FormErrorBanner } from "../../../shared/FormErrorBanner";
import { SEX_LABELS } from "../../../shared/labels";
import { useFieldErrors } from "../../../shared/useFieldErrors";
import { useFormKeys } from "../../../shared/useFormKeys";
import { useUnsavedInput } from "../../../app/leaveGuard";
import { useNursingHomes } from "../../institutions/hooks/useNursingHomes";
import { useResident } from "../hooks/useResident";
import { useSaveResident, useValidateResident } from "../hooks/useSaveResident";
import { EMPTY_RESIDENT_FORM, RESIDENT_FIELDS, residentToFormValues, toResidentInput } from "../residentForm";
import type { ResidentField, ResidentFormValues } from "../residentForm";
import { EXISTING_RESIDENT_FIELD, errorBanner } from "./residentErrors";
import { ResidentFormFields } from "./ResidentFormFields";

export function ResidentFormPage() {
  const { id } = useParams<{ id: string }>();
  const existing = useResident(id ?? null);

  if (id && existing.loading && !existing.resident) return <Spin style={{ display: "block", margin: 48 }} />;
  if (id && existing.error) {
    return <Alert type="error" showIcon message="无法打开档案" description={existing.error.message} />;
  }
  if (id && !existing.resident) return null;
  const resident = existing.resident;
  // Saving masked values would overwrite the real 身份证号 and phone numbers.
  if (resident?.identityMasked) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="masked-no-edit"
        message="不能编辑这份档案"
        description="当前角色只能看到部分身份证号和电话，无法修改档案。"
      />
    );
  }
  // A new key after a reload starts the form over from the newest stored version.
  return (
    <ResidentEditor
      key={resident ? `${resident.id}:${resident.version}` : "new"}
      resident={resident}
      reload={existing.reload}
    />
  );
}

interface ResidentEditorProps {
  resident: Resident | undefined;
  reload: () => void;
}

function ResidentEditor({ resident, reload }: ResidentEditorProps) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ResidentFormValues>();
  const homes = useNursingHomes();
  const { save, saving } = useSaveResident();
  const validate = useValidateResident();
  const fieldErrors = useFieldErrors<ResidentField>(RESIDENT_FIELDS);
  const [failure, setFailure] = useState<IpcError>();
  const [confirming, setConfirming] = useState(false);
  /** Set when the 身份证号 just typed is already on file: the id of that file. */
  const [duplicateOf, setDuplicateOf] = useState<string>();
  /** What the 身份证号 just checked says (sex, birth date, age), from Rust. */
  const [idFacts, setIdFacts] = useState<IdNumberFacts>();
  const livingKind = Form.useWatch("livingKind", form);

  const backPath = resident ? `/residents/${resident.id}` : "/residents";

  const onSave = useCallback(async () => {
    if (saving) return;
    const input = toResidentInput(form.getFieldsValue(true) as ResidentFormValues);
    setFailure(undefined);
    const r = await save(input, resident ? { id: resident.id, baseVersion: resident.version } : null);
    if (r.ok) {
      message.success(resident ? "档案已保存" : `已建档：${r.value.name}（${r.value.healthFileNo}）`);
      navigate(`/residents/${r.value.id}`, { replace: true });
      return;
    }
    const unmatched = fieldErrors.showIssues(r.error.fields);
    setDuplicateOf(undefined);
    setFailure({ ...r.error, fields: unmatched });
    const first = RESIDENT_FIELDS.find((f) => r.error.fields.some((i) => i.field === f));
    if (first) form.scrollToField(first, { block: "center" });
  }, [saving, form, save, resident, message, navigate, fieldErrors]);

  const onCancel = useCallback(() => {
    if (!form.isFieldsTouched()) {
      navigate(backPath);
      return;
    }
    setConfirming(true);
    modal.confirm({
      title: "放弃未保存的修改？",
      okText: "放弃",
      cancelText: "继续编辑",
      onOk: () => navigate(backPath),
      afterClose: () => setConfirming(false),
    });
  }, [form, navigate, backPath, modal]);

  const rootRef = useFormKeys<HTMLDivElement>({ onSave, onCancel, enabled: !confirming });
  useUnsavedInput(() => form.isFieldsTouched());

  const onIdNumberBlur = async () => {
    const values = form.getFieldsValue(true) as ResidentFormValues;
    if (!values.idNumber?.trim()) return;
    const check = await validate(toResidentInput(values), resident?.id ?? null);
    // The number may have been edited while Rust was answering: an old answer must not show.
    if (form.getFieldValue("idNumber") !== values.idNumber) return;
    fieldErrors.showIssuesFor(["idNumber"], check.issues);
    setDuplicateOf(check.issues.find((i) => i.field === EXISTING_RESIDENT_FIELD)?.message);
    setIdFacts(check.idNumber ?? undefined);
  };

  const derived = idFacts
    ? { sex: SEX_LABELS[idFacts.sex], birthDate: idFacts.birthDate }
    : resident
      ? { sex: SEX_LABELS[resident.sex], birthDate: resident.birthDate }
      : undefined;

  return (
    <div ref={rootRef}>
      <Space style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {resident ? `编辑档案：${resident.name}` : "新建居民健康档案"}
        </Typography.Title>
        <Typography.Text type="secondary">Enter 下一项 · Ctrl+S 保存 · Esc 取消</Typography.Text>
      </Space>
      {failure && (
        <FormErrorBanner
          message={errorBanner(failure).title}
          description={hasErrorDetails(failure) ? <ErrorDetails failure={failure} onReload={reload} /> : undefined}
          onClose={() => setFailure(undefined)}
        />
      )}
      <Form<ResidentFormValues>
        form={form}
        layout="vertical"
        initialValues={resident ? residentToFormValues(resident) : EMPTY_RESIDENT_FORM}
        onFinish={onSave}
        onValuesChange={(changed: Partial<ResidentFormValues>) => {
          fieldErrors.clear(Object.keys(changed) as ResidentField[]);
          if ("idNumber" in changed) {
            setDuplicateOf(undefined);
            setIdFacts(undefined);
          }
        }}
      >
        <ResidentFormFields
          itemProps={fieldErrors.itemProps}
          nursingHomes={homes.homes}
          nursingHomesLoading={homes.loading}
          showNursingHome={livingKind === "nursing_home"}
          derived={derived}
          editing={resident !== undefined}
          onIdNumberBlur={onIdNumberBlur}
          idNumberExtra={
            duplicateOf ? (
              <Link to={`/residents/${duplicateOf}`} data-testid="existing-resident-link">
                查看已有档案
              </Link>
            ) : (
              idFacts && <IdFactsLine facts={idFacts} typed={form.getFieldValue("idNumber") as string} />
            )
          }
        />
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="rf-save">
            保存
          </Button>
          <Button onClick={onCancel} data-testid="rf-cancel">
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}

function hasErrorDetails(failure: IpcError): boolean {
  const b = errorBanner(failure);
  return (
    b.detail !== undefined ||
    b.existingResidentId !== undefined ||
    b.reload ||
    failure.fields.some((f) => f.field !== EXISTING_RESIDENT_FIELD)
  );
}

function ErrorDetails({ failure, onReload }: { failure: IpcError; onReload: () => void }) {
  const banner = errorBanner(failure);
  return (
    <Space direction="vertical" size={4}>
      {banner.detail && <span>{banner.detail}</span>}
      {failure.fields
        .filter((f) => f.field !== EXISTING_RESIDENT_FIELD)
        .map((f) => (
          <span key={`${f.field}:${f.code}`}>{f.message}</span>
        ))}
      {banner.existingResidentId && (
        <Link to={`/residents/${banner.existingResidentId}`} data-testid="existing-resident-link">
          查看已有档案
        </Link>
      )}
      {banner.reload && (
        <Button size="small" onClick={onReload} data-testid="reload-resident">
          重新加载最新版本（放弃本页的修改）
        </Button>
      )}
    </Space>
  );
}

/** "女 · 1949-12-31 · 76 岁", and the 18-digit form when a 15-digit number was typed. */
function IdFactsLine({ facts, typed }: { facts: IdNumberFacts; typed: string | undefined }) {
  const converted = (typed ?? "").trim().toUpperCase() !== facts.idNumber;
  return (
    <Typography.Text type="secondary" data-testid="id-number-facts">
      {SEX_LABELS[facts.sex]} · {facts.birthDate} · {facts.age} 岁
      {converted && ` · 将保存为 ${facts.idNumber}`}
    </Typography.Text>
  );
}
