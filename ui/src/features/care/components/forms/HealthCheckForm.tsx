/**
 * 年度健康体检: four collapsible sections walked from the field table. Numbers are text boxes
 * with their unit; Rust parses them, checks plausible ranges and flags abnormal values.
 */
import { Checkbox, Col, Collapse, Form, Input, Row, Select } from "antd";
import { optionsOf } from "../../../../shared/labels";
import { HC_SECTIONS } from "../../healthCheckFields";
import type { HcFieldDef, HcSectionKey } from "../../healthCheckFields";
import { FindingInput } from "./FindingInput";
import type { KindFormProps } from "./formProps";

export interface HealthCheckFormProps extends KindFormProps {
  openSections: HcSectionKey[];
  onOpenSections: (keys: HcSectionKey[]) => void;
}

export function HealthCheckForm({ item, openSections, onOpenSections }: HealthCheckFormProps) {
  return (
    <Collapse
      data-testid="hc-sections"
      activeKey={openSections}
      onChange={(keys) => onOpenSections((Array.isArray(keys) ? keys : [keys]) as HcSectionKey[])}
      items={HC_SECTIONS.map((s) => ({
        key: s.key,
        label: s.title,
        forceRender: true,
        children: (
          <Row gutter={12}>
            {s.fields.map((def) => (
              <Col key={def.name} {...span(def)}>
                <Form.Item label={def.label} {...item(def.name)}>
                  {input(def)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        ),
      }))}
    />
  );
}

function span(def: HcFieldDef) {
  switch (def.type) {
    case "measure":
      return { xs: 12, md: 8, xl: 6 };
    case "choice":
      return { xs: 12, md: 8 };
    case "finding":
      return { xs: 24, md: 12 };
    default:
      return { xs: 24 };
  }
}

function input(def: HcFieldDef) {
  const testId = `rec-${def.name}`;
  switch (def.type) {
    case "measure":
      return <Input data-testid={testId} suffix={def.unit || undefined} inputMode="decimal" autoComplete="off" />;
    case "choice":
      return (
        <Select
          data-testid={testId}
          allowClear
          placeholder="请选择"
          options={optionsOf(def.labels)}
        />
      );
    case "multi":
      return <Checkbox.Group data-testid={testId} options={optionsOf(def.labels)} />;
    case "tags":
      return (
        <Select
          data-testid={testId}
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[",", "，", "、", ";", "；"]}
          placeholder="输入后按 Enter 添加，可添加多项"
        />
      );
    case "finding":
      return <FindingInput testId={testId} />;
    case "note":
      return <Input.TextArea data-testid={testId} autoSize={{ minRows: 2, maxRows: 6 }} />;
    case "text":
      return <Input data-testid={testId} autoComplete="off" />;
  }
}
