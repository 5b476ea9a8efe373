/** One examination item: 未查 / 未见异常 / 异常, and what was abnormal. */
import { Input, Radio, Space } from "antd";
import type { ExamFinding, ExamResult } from "../../../../ipc";
import { EXAM_RESULT_LABELS } from "../../careLabels";

export interface FindingInputProps {
  value?: ExamFinding | null;
  onChange?: (v: ExamFinding | null) => void;
  testId: string;
}

const NOT_CHECKED = "none";

export function FindingInput({ value, onChange, testId }: FindingInputProps) {
  const result = value?.result ?? NOT_CHECKED;
  return (
    <Space.Compact style={{ width: "100%" }}>
      <Radio.Group
        data-testid={`${testId}-result`}
        optionType="button"
        value={result}
        onChange={(e) => {
          const r = e.target.value as ExamResult | typeof NOT_CHECKED;
          onChange?.(r === NOT_CHECKED ? null : { result: r, detail: value?.detail ?? "" });
        }}
        options={[
          { value: NOT_CHECKED, label: "未查" },
          { value: "normal", label: EXAM_RESULT_LABELS.normal },
          { value: "abnormal", label: EXAM_RESULT_LABELS.abnormal },
        ]}
      />
      <Input
        data-testid={`${testId}-detail`}
        disabled={value === null || value === undefined}
        placeholder={value?.result === "abnormal" ? "异常情况" : "备注"}
        value={value?.detail ?? ""}
        onChange={(e) => value && onChange?.({ ...value, detail: e.target.value })}
        autoComplete="off"
      />
    </Space.Compact>
  );
}
