/** 频次: every N days / weeks / months / years; empty number: no fixed frequency. */
import { InputNumber, Select, Space } from "antd";
import { useState } from "react";
import type { Frequency, FrequencyUnit } from "../../../../ipc";
import { optionsOf } from "../../../../shared/labels";
import { FREQUENCY_UNIT_LABELS } from "../../careLabels";

export interface FrequencyInputProps {
  value?: Frequency | null;
  onChange?: (v: Frequency | null) => void;
  testId: string;
}

export function FrequencyInput({ value, onChange, testId }: FrequencyInputProps) {
  const [unit, setUnit] = useState<FrequencyUnit>(value?.unit ?? "week");
  return (
    <Space.Compact>
      <InputNumber
        data-testid={`${testId}-every`}
        prefix="每"
        precision={0}
        value={value?.every ?? null}
        onChange={(n) => onChange?.(typeof n === "number" ? { every: n, unit } : null)}
        style={{ width: 140 }}
      />
      <Select<FrequencyUnit>
        data-testid={`${testId}-unit`}
        value={unit}
        onChange={(u) => {
          setUnit(u);
          if (value) onChange?.({ ...value, unit: u });
        }}
        options={optionsOf(FREQUENCY_UNIT_LABELS).map((o) => ({ ...o, label: `${o.label}一次` }))}
        style={{ width: 100 }}
      />
    </Space.Compact>
  );
}
