/** The fields of an institution, shared by the setup wizard and the nursing-home registration. */
import { Col, Form, Input, Row, Select } from "antd";
import type { InstitutionKind } from "../../../ipc";
import { INSTITUTION_KIND_LABELS } from "../../../shared/labels";
import type { FieldErrorItemProps } from "../../../shared/useFieldErrors";
import type { InstitutionField } from "../institutionForm";

export interface InstitutionFieldsProps {
  /** `data-testid` prefix of the inputs, e.g. `setup` → `setup-credit-code`. */
  testIdPrefix: string;
  kinds: readonly InstitutionKind[];
  itemProps: (field: InstitutionField) => FieldErrorItemProps;
  /** Put the cursor in 机构名称 when the form opens. */
  autoFocusName?: boolean;
}

const TEST_ID_SUFFIX: Record<InstitutionField, string> = {
  kind: "kind",
  name: "name",
  creditCode: "credit-code",
  countyCode: "county-code",
  townshipCode: "township-code",
  villageCode: "village-code",
  address: "address",
  contactPhone: "contact-phone",
};

export function InstitutionFields({ testIdPrefix, kinds, itemProps, autoFocusName }: InstitutionFieldsProps) {
  const tid = (f: InstitutionField) => `${testIdPrefix}-${TEST_ID_SUFFIX[f]}`;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name="kind" label="机构类型" {...itemProps("kind")}>
            <Select
              data-testid={tid("kind")}
              options={kinds.map((k) => ({ value: k, label: INSTITUTION_KIND_LABELS[k] }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="name" label="机构名称" {...itemProps("name")}>
            <Input data-testid={tid("name")} autoComplete="off" autoFocus={autoFocusName} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="creditCode"
        label="统一社会信用代码"
        extra="18 位，见机构执业许可证或营业执照"
        {...itemProps("creditCode")}
      >
        <Input data-testid={tid("creditCode")} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="countyCode" label="县级行政区划代码" extra="6 位" {...itemProps("countyCode")}>
            <Input data-testid={tid("countyCode")} autoComplete="off" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="townshipCode" label="乡镇（街道）代码" extra="3 位" {...itemProps("townshipCode")}>
            <Input data-testid={tid("townshipCode")} autoComplete="off" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="villageCode"
            label="默认村（居）委会代码"
            extra="3 位：居委会 001–099，村委会 101–199"
            {...itemProps("villageCode")}
          >
            <Input data-testid={tid("villageCode")} autoComplete="off" inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label="地址" {...itemProps("address")}>
        <Input data-testid={tid("address")} autoComplete="off" />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" {...itemProps("contactPhone")}>
        <Input data-testid={tid("contactPhone")} autoComplete="off" inputMode="tel" />
      </Form.Item>
    </>
  );
}
