/** 慢性病长处方: diagnosis, drugs (name, dose, usage) and 1–12 weeks (Rust checks the weeks). */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, Form, Input, Row, Space } from "antd";
import type { KindFormProps } from "./formProps";

export function PrescriptionForm({ item, errorOf }: KindFormProps) {
  return (
    <>
      <Form.Item label="诊断" {...item("diagnosis")}>
        <Input data-testid="rec-diagnosis" autoComplete="off" placeholder="如：高血压 2 级" />
      </Form.Item>
      <Form.Item label="药品" required {...errorOf("drugs")}>
        <Form.List name="drugs">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: "100%" }}>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="middle" data-testid={`drug-row-${i}`}>
                  <Col flex="2">
                    <Form.Item name={[f.name, "name"]} noStyle>
                      <Input data-testid={`rec-drug-name-${i}`} placeholder="药品名称" autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col flex="1">
                    <Form.Item name={[f.name, "dose"]} noStyle>
                      <Input data-testid={`rec-drug-dose-${i}`} placeholder="剂量，如 5 mg" autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col flex="2">
                    <Form.Item name={[f.name, "usage"]} noStyle>
                      <Input data-testid={`rec-drug-usage-${i}`} placeholder="用法，如 每日一次 口服" autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label="删除此药品"
                      tabIndex={-1}
                      disabled={fields.length === 1}
                      onClick={() => remove(f.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined />}
                data-testid="rec-drug-add"
                onClick={() => add({ name: "", dose: "", usage: "" })}
              >
                添加药品
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label="处方周数" extra="1–12 周" {...item("weeks")}>
        <Input data-testid="rec-weeks" suffix="周" inputMode="numeric" autoComplete="off" style={{ maxWidth: 200 }} />
      </Form.Item>
    </>
  );
}
