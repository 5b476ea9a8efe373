/** 设置 → 养老机构: register partner nursing homes and list them. */
import { Alert, App, Button, Card, Form, Table } from "antd";
import { useState } from "react";
import type { Institution, IpcError } from "../../../ipc";
import { FormErrorBanner } from "../../../shared/FormErrorBanner";
import { INSTITUTION_KIND_LABELS, NURSING_HOME_KINDS } from "../../../shared/labels";
import { useFieldErrors } from "../../../shared/useFieldErrors";
import { useCreateInstitution, useNursingHomes } from "../hooks/useNursingHomes";
import { INSTITUTION_FIELDS, toInstitutionInput } from "../institutionForm";
import type { InstitutionField, InstitutionFormValues } from "../institutionForm";
import { InstitutionFields } from "./InstitutionFields";

export interface NursingHomesSectionProps {
  /** Codes of our own institution, offered as the default for a home in the same area. */
  defaults: Pick<InstitutionFormValues, "countyCode" | "townshipCode" | "villageCode">;
  /** The registration form is shown only to roles that may register (`manage_institutions`). */
  canRegister: boolean;
}

export function NursingHomesSection({ defaults, canRegister }: NursingHomesSectionProps) {
  const { message } = App.useApp();
  const homes = useNursingHomes();
  const { create, submitting } = useCreateInstitution();
  const [form] = Form.useForm<InstitutionFormValues>();
  const fieldErrors = useFieldErrors<InstitutionField>(INSTITUTION_FIELDS);
  const [banner, setBanner] = useState<IpcError>();
  const initialValues: InstitutionFormValues = { kind: "elderly_home", ...defaults };

  const onFinish = async () => {
    setBanner(undefined);
    const values = form.getFieldsValue(true) as InstitutionFormValues;
    const r = await create(toInstitutionInput(values));
    if (r.ok) {
      message.success(`已登记：${r.value.name}`);
      fieldErrors.clear();
      form.resetFields();
      homes.reload();
      return;
    }
    const unmatched = fieldErrors.showIssues(r.error.fields);
    if (r.error.code !== "validation" || unmatched.length > 0 || r.error.fields.length === 0) {
      setBanner({ ...r.error, fields: unmatched });
    }
  };

  return (
    <Card title="合作养老机构 / 敬老院" style={{ marginTop: 16 }}>
      <Table<Institution>
        data-testid="nursing-home-table"
        rowKey="id"
        size="small"
        loading={homes.loading}
        dataSource={homes.homes}
        pagination={false}
        locale={{ emptyText: "尚未登记养老机构。入住机构的居民建档前，请先在下方登记。" }}
        columns={[
          { title: "名称", dataIndex: "name" },
          { title: "类型", dataIndex: "kind", render: (k: Institution["kind"]) => INSTITUTION_KIND_LABELS[k] },
          { title: "统一社会信用代码", dataIndex: "creditCode" },
          { title: "地址", dataIndex: "address" },
          { title: "联系电话", dataIndex: "contactPhone" },
        ]}
      />
      {homes.error && <Alert type="error" showIcon message={homes.error.message} style={{ marginTop: 8 }} />}
      {canRegister && (
        <Card type="inner" title="登记养老机构" style={{ marginTop: 16 }}>
          {banner && (
            <FormErrorBanner
              message={banner.message}
              description={banner.fields.map((f) => f.message).join("；") || undefined}
              onClose={() => setBanner(undefined)}
            />
          )}
          <Form<InstitutionFormValues>
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={onFinish}
            onValuesChange={(changed: Partial<InstitutionFormValues>) =>
              fieldErrors.clear(Object.keys(changed) as InstitutionField[])
            }
            disabled={submitting}
          >
            <InstitutionFields testIdPrefix="nh" kinds={NURSING_HOME_KINDS} itemProps={fieldErrors.itemProps} />
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="nh-submit">
              登记
            </Button>
          </Form>
        </Card>
      )}
    </Card>
  );
}
