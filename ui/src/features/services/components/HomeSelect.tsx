/** A searchable picker of the nursing homes. */
import { Select } from "antd";
import type { Institution } from "../../../ipc";

export interface HomeSelectProps {
  homes: readonly Institution[];
  loading: boolean;
  value: string | null;
  onChange: (homeId: string) => void;
  testId: string;
  autoFocus?: boolean;
}

export function HomeSelect({ homes, loading, value, onChange, testId, autoFocus }: HomeSelectProps) {
  return (
    <Select
      data-testid={testId}
      showSearch
      autoFocus={autoFocus}
      style={{ minWidth: 280 }}
      placeholder="选择养老机构"
      loading={loading}
      value={value ?? undefined}
      onChange={onChange}
      optionFilterProp="label"
      notFoundContent={loading ? "加载中…" : "没有登记的养老机构"}
      options={homes.map((h) => ({ value: h.id, label: h.name }))}
    />
  );
}
