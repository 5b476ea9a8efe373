/**
 * An assessment scale, rendered from Rust's `scaleSpec`: each item's options as a radio group
 * (digit keys pick the n-th option and move on), and Rust's live score once every item is answered.
 */
import { Alert, Card, Form, InputNumber, Radio, Space, Spin, Tag, Typography } from "antd";
import type { FormInstance } from "antd";
import { useRef } from "react";
import type { KeyboardEvent } from "react";
import type { IpcError, ItemSpec, Scale, ScaleSpec } from "../../../../ipc";
import { optionForKey, previewAnswers, unansweredItems } from "../../assessmentForm";
import type { AssessmentValues } from "../../assessmentForm";
import { usePreviewAssessment } from "../../hooks/usePreviewAssessment";
import { AssessmentResultView } from "../RecordDetailView";
import type { KindFormProps } from "./formProps";

export interface AssessmentFormProps extends KindFormProps {
  scale: Scale;
  form: FormInstance;
  spec: ScaleSpec | undefined;
  specError: IpcError | undefined;
  /** Mark unanswered items (after a save was refused). */
  showMissing: boolean;
  onAnswered: () => void;
}

const YES_NO = [
  { value: true, label: "是" },
  { value: false, label: "否" },
];

export function AssessmentForm({ scale, form, spec, specError, showMissing, onAnswered, errorOf }: AssessmentFormProps) {
  const answers = Form.useWatch("answers", form) as AssessmentValues["answers"];
  const abilityFactors = Form.useWatch("abilityFactors", form) as AssessmentValues["abilityFactors"];
  const values: AssessmentValues = { answers, abilityFactors };
  const count = spec?.items.length ?? 0;
  const preview = usePreviewAssessment(spec ? previewAnswers(scale, values, count) : null);
  const listRef = useRef<HTMLDivElement>(null);
  const missing = new Set(showMissing ? unansweredItems(values, count) : []);

  if (specError) return <Alert type="error" showIcon message="无法读取量表" description={specError.message} />;
  if (!spec) return <Spin />;

  const pick = (i: number, it: ItemSpec) => (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const option = optionForKey(e.key, it.options);
    if (!option) return;
    e.preventDefault();
    form.setFieldValue(["answers", i], option.value);
    onAnswered();
    const next = listRef.current?.querySelector<HTMLElement>(`[data-item-index="${i + 1}"] input[type="radio"]`);
    next?.focus();
  };

  const answered = count - unansweredItems(values, count).length;

  return (
    <div>
      <Typography.Text type="secondary">
        {spec.name} · 共 {count} 题 · 数字键 1、2、3… 选择当前题的第几个选项
      </Typography.Text>
      <Form.Item {...errorOf("answers")} style={{ marginBottom: 8 }}>
        <div ref={listRef}>
          {spec.items.map((it, i) => (
            <div
              key={i}
              data-testid={`scale-item-${i}`}
              data-item-index={i}
              onKeyDown={pick(i, it)}
              style={{ padding: "6px 0", borderBottom: "1px solid #f0f0f0" }}
            >
              <Space size={4} style={{ marginBottom: 4 }}>
                <Typography.Text strong>
                  {i + 1}. {it.label}
                </Typography.Text>
                {missing.has(i) && <Tag color="error">未答</Tag>}
              </Space>
              <Form.Item name={["answers", i]} noStyle>
                <Radio.Group
                  onChange={onAnswered}
                  options={it.options.map((o, k) => ({ value: o.value, label: `${k + 1}. ${o.label}` }))}
                />
              </Form.Item>
            </div>
          ))}
        </div>
      </Form.Item>
      {scale === "ability" && (
        <Form.Item label="附加情况（影响等级）" {...errorOf("abilityFactors")}>
          <Space direction="vertical">
            <Space>
              <span>昏迷</span>
              <Form.Item name={["abilityFactors", "coma"]} noStyle>
                <Radio.Group data-testid="rec-coma" options={YES_NO} onChange={onAnswered} />
              </Form.Item>
            </Space>
            <Space>
              <span>确诊痴呆或其他精神障碍</span>
              <Form.Item name={["abilityFactors", "dementiaOrPsychiatricDiagnosis"]} noStyle>
                <Radio.Group data-testid="rec-dementia" options={YES_NO} onChange={onAnswered} />
              </Form.Item>
            </Space>
            <Space>
              <span>近30天照护风险事件（跌倒、噎食、自杀自伤、走失）</span>
              <Form.Item name={["abilityFactors", "careRiskEvents30Days"]} noStyle>
                <InputNumber data-testid="rec-careRiskEvents" precision={0} suffix="次" style={{ width: 120 }} />
              </Form.Item>
            </Space>
          </Space>
        </Form.Item>
      )}
      <Card size="small" title="评分（由系统按量表规则计算）" data-testid="assessment-preview">
        {preview.result ? (
          <AssessmentResultView result={preview.result} />
        ) : preview.error ? (
          <Typography.Text type="danger">{preview.error.message}</Typography.Text>
        ) : preview.pending ? (
          <Spin size="small" />
        ) : (
          <Typography.Text type="secondary">
            已答 {answered}/{count} 题{scale === "ability" ? "，并填写附加情况" : ""}后显示得分
          </Typography.Text>
        )}
      </Card>
    </div>
  );
}
