/**
 * 签约居民: type a name, pinyin initials, part of the 身份证号 or phone and pick from Rust's search
 * results. An AutoComplete whose own <input> carries `data-testid` (so tests type into it); the
 * form field holds the picked resident's id, and typing again clears it.
 */
import { AutoComplete, Input, Typography } from "antd";
import { useState } from "react";
import type { SearchHit } from "../../../ipc";
import { SEX_LABELS } from "../../../shared/labels";
import { useResidentSearch } from "../../residents/hooks/useResidentSearch";

export interface ResidentPickerProps {
  /** The picked resident's id (set by Form.Item). */
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
  testId?: string;
  /** The picked resident, for the line under the box. */
  onPicked?: (hit: SearchHit | undefined) => void;
}

function hitLine(h: SearchHit): string {
  const r = h.resident;
  const parts = [`${SEX_LABELS[r.sex]} ${r.age}岁`, r.healthFileNo];
  if (r.nursingHomeName) parts.push(r.nursingHomeName);
  return parts.filter(Boolean).join(" · ");
}

export function ResidentPicker({ value, onChange, id, testId, onPicked }: ResidentPickerProps) {
  const [text, setText] = useState("");
  const search = useResidentSearch(text);
  const options = search.hits.map((h) => ({
    value: h.resident.id,
    label: (
      <div data-testid="resident-option" data-resident-id={h.resident.id}>
        <Typography.Text strong>{h.resident.name}</Typography.Text>{" "}
        <Typography.Text type="secondary">{hitLine(h)}</Typography.Text>
      </div>
    ),
  }));

  return (
    <AutoComplete
      value={text}
      options={text.trim() === "" ? [] : options}
      filterOption={false}
      notFoundContent={text.trim() !== "" && !search.loading ? "没有找到匹配的居民" : undefined}
      onChange={(next: string) => {
        // Picking an option also reports its value (the id): onSelect handles that.
        if (search.hits.some((h) => h.resident.id === next)) return;
        setText(next);
        if (value) {
          onChange?.(undefined);
          onPicked?.(undefined);
        }
      }}
      onSelect={(residentId: string) => {
        const hit = search.hits.find((h) => h.resident.id === residentId);
        if (!hit) return;
        setText(hit.resident.name);
        onChange?.(residentId);
        onPicked?.(hit);
      }}
      style={{ width: "100%" }}
    >
      <Input id={id} data-testid={testId} placeholder="输入姓名、拼音首字母、身份证号或电话搜索" autoComplete="off" />
    </AutoComplete>
  );
}
