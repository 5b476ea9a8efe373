/** The grouped fields of the resident form. Every input carries `data-testid="rf-<field>"`. */
import { Card, Checkbox, Col, Form, Input, Radio, Row, Select } from "antd";
import type { Institution } from "../../../ipc";
import {
  LIVING_KIND_LABELS,
  MEDICAL_INSURANCE_LABELS,
  RESIDENT_INPUT_FIELD_LABELS as L,
  SEX_LABELS,
  SPECIAL_CATEGORY_LABELS,
  optionsOf,
} from "../../../shared/labels";
import type { FieldErrorItemProps } from "../../../shared/useFieldErrors";
import { CHRONIC_CONDITION_SUGGESTIONS } from "../residentForm";
import type { ResidentField } from "../residentForm";

export interface ResidentFormFieldsProps {
  itemProps: (field: ResidentField) => FieldErrorItemProps;
  nursingHomes: readonly Institution[];
  nursingHomesLoading: boolean;
  showNursingHome: boolean;
  /** Stored values derived from the 身份证号, shown as hints when editing. */
  derived?: { sex: string; birthDate: string };
  /** When editing, the 健康档案编号 already assigned. */
  editing: boolean;
  onIdNumberBlur: () => void;
  /** Shown under the 身份证号 (e.g. a link to the file that already has it). */
  idNumberExtra?: React.ReactNode;
}

const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };
const tid = (f: ResidentField) => `rf-${f}`;

export function ResidentFormFields(props: ResidentFormFieldsProps) {
  const { itemProps, nursingHomes, nursingHomesLoading, showNursingHome, derived, editing } = props;
  const item = (f: ResidentField) => ({ name: f, label: L[f], ...itemProps(f) });

  return (
    <>
      <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item {...item("name")}>
              <Input data-testid={tid("name")} autoComplete="off" autoFocus />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              {...item("idNumber")}
              extra={props.idNumberExtra || (itemProps("idNumber").help ? undefined : "18 位；15 位旧号码会自动转换")}
            >
              <Input data-testid={tid("idNumber")} autoComplete="off" onBlur={props.onIdNumberBlur} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item {...item("phone")}>
              <Input data-testid={tid("phone")} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item {...item("sex")}>
              <Select
                data-testid={tid("sex")}
                allowClear
                placeholder={derived ? `按身份证号：${derived.sex}` : "可留空，按身份证号推算"}
                options={optionsOf(SEX_LABELS)}
              />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item {...item("birthDate")}>
              <Input
                data-testid={tid("birthDate")}
                autoComplete="off"
                placeholder={derived ? `按身份证号：${derived.birthDate}` : "YYYY-MM-DD，可留空，按身份证号推算"}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="住址" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item {...item("address")}>
              <Input data-testid={tid("address")} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item {...item("hukouAddress")}>
              <Input data-testid={tid("hukouAddress")} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item {...item("livingKind")}>
              <Radio.Group data-testid={tid("livingKind")} optionType="button" options={optionsOf(LIVING_KIND_LABELS)} />
            </Form.Item>
          </Col>
          {showNursingHome && (
            <>
              <Col {...third}>
                <Form.Item
                  {...item("nursingHomeId")}
                  extra={
                    !nursingHomesLoading && nursingHomes.length === 0 ? "尚无养老机构，请先到“设置”中登记" : undefined
                  }
                >
                  <Select
                    data-testid={tid("nursingHomeId")}
                    loading={nursingHomesLoading}
                    showSearch
                    optionFilterProp="label"
                    placeholder="选择养老机构 / 敬老院"
                    options={nursingHomes.map((h) => ({ value: h.id, label: h.name }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item {...item("room")}>
                  <Input data-testid={tid("room")} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item {...item("bed")}>
                  <Input data-testid={tid("bed")} autoComplete="off" />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Card>

      <Card title="紧急联系人" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item {...item("emergencyContactName")} label="姓名">
              <Input data-testid={tid("emergencyContactName")} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item {...item("emergencyContactPhone")} label="电话">
              <Input data-testid={tid("emergencyContactPhone")} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="保险与类别" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item {...item("medicalInsurance")}>
              <Select data-testid={tid("medicalInsurance")} options={optionsOf(MEDICAL_INSURANCE_LABELS)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item {...item("ltcInsurance")} valuePropName="checked" label="长期护理保险">
              <Checkbox data-testid={tid("ltcInsurance")}>参加长护险</Checkbox>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item {...item("specialCategories")}>
              <Checkbox.Group data-testid={tid("specialCategories")}>
                {optionsOf(SPECIAL_CATEGORY_LABELS).map((o) => (
                  <Checkbox key={o.value} value={o.value} data-testid={`${tid("specialCategories")}-${o.value}`}>
                    {o.label}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item {...item("chronicConditions")}>
              <Select
                data-testid={tid("chronicConditions")}
                mode="tags"
                tokenSeparators={[",", "，", "、"]}
                placeholder="选择或输入后回车"
                options={CHRONIC_CONDITION_SUGGESTIONS.map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item {...item("allergies")}>
              <Input data-testid={tid("allergies")} autoComplete="off" placeholder="无则留空" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="档案" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              {...item("healthFileNo")}
              extra={itemProps("healthFileNo").help ? undefined : editing ? "已分配的编号" : "留空则按 17 位规则自动分配"}
            >
              <Input data-testid={tid("healthFileNo")} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              {...item("villageCode")}
              extra={
                itemProps("villageCode").help
                  ? undefined
                  : "3 位，用于自动分配编号；留空用本机构默认代码（居委会 001–099，村委会 101–199）"
              }
            >
              <Input data-testid={tid("villageCode")} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </>
  );
}
