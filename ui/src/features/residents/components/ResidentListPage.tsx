/**
 * 居民档案: one search box over a paged list. With text in the box the search results replace the
 * list; Enter opens the first hit, ↓ moves into the rows. Ctrl+F or "/" puts the cursor back in the box.
 */
import { PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Input, Segmented, Space } from "antd";
import type { InputRef } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { useCan } from "../../../app/SessionContext";
import type { ResidentListQuery, ResidentRow, ResidentStatus } from "../../../ipc";
import { RESIDENT_STATUS_LABELS } from "../../../shared/labels";
import { useDebouncedValue } from "../../../shared/useDebouncedValue";
import { SEARCH_LIMIT, useResidentSearch } from "../hooks/useResidentSearch";
import { paramsFromQuery, queryFromParams } from "../listParams";
import { ResidentExportButton } from "./ResidentExportButton";
import { ResidentTable } from "./ResidentTable";
import { focusFirstRow } from "./rowProps";
import { SearchResults } from "./SearchResults";

type StatusFilter = ResidentStatus | "all";

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "全部" },
  ...(Object.keys(RESIDENT_STATUS_LABELS) as ResidentStatus[]).map((s) => ({
    value: s,
    label: RESIDENT_STATUS_LABELS[s],
  })),
];

function isTyping(el: Element | null): boolean {
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLElement && el.isContentEditable)
  );
}

export function ResidentListPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // The box's text is local state (typing must never wait for the router); the URL follows it.
  const [text, setText] = useState(() => params.get("q") ?? "");
  const query = queryFromParams(params);
  const search = useResidentSearch(text);
  const searchRef = useRef<InputRef>(null);
  const pendingOpen = useRef(false);
  const canEdit = useCan("edit_residents");

  const open = useCallback((row: ResidentRow) => navigate(`/residents/${row.id}`), [navigate]);

  const update = useCallback(
    (q: ResidentListQuery, t: string) => setParams(paramsFromQuery(q, t), { replace: true }),
    [setParams],
  );
  const urlText = params.get("q") ?? "";
  const debouncedText = useDebouncedValue(text, 400);
  useEffect(() => {
    if (debouncedText !== urlText) update(queryFromParams(params), debouncedText);
  }, [debouncedText, urlText, params, update]);

  // Ctrl+F / "/" focus the search box from anywhere on this page.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const ctrlF = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "f";
      const slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !isTyping(document.activeElement);
      if (ctrlF || slash) {
        e.preventDefault();
        searchRef.current?.focus({ cursor: "all" });
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // Enter pressed before the results for the current text arrived: open the first once they do.
  const trimmed = text.trim();
  const firstHit = search.settledFor === trimmed ? search.hits[0] : undefined;
  const resultsReady = search.settledFor === trimmed;
  useEffect(() => {
    if (!pendingOpen.current || !resultsReady) return;
    pendingOpen.current = false;
    if (firstHit) open(firstHit.resident);
  }, [resultsReady, firstHit, open]);

  const onPressEnter = (e: React.KeyboardEvent<HTMLInputElement>) => {
    // Enter that confirms a pinyin IME candidate is not a request to open a file.
    if (e.nativeEvent.isComposing || trimmed === "") return;
    if (resultsReady) {
      if (firstHit) open(firstHit.resident);
    } else {
      pendingOpen.current = true;
    }
  };

  return (
    <div>
      <Space style={{ width: "100%", marginBottom: 16, justifyContent: "space-between" }} wrap>
        <Input
          ref={searchRef}
          data-testid="resident-search"
          autoFocus
          allowClear
          size="large"
          style={{ width: 460 }}
          prefix={<SearchOutlined />}
          placeholder="姓名 / 拼音首字母 / 全拼 / 身份证号 / 电话"
          value={text}
          onChange={(e) => {
            pendingOpen.current = false;
            setText(e.target.value);
          }}
          onPressEnter={onPressEnter}
          onKeyDown={(e) => {
            if (e.key === "Escape" && text !== "") setText("");
            if (e.key === "ArrowDown" && focusFirstRow()) e.preventDefault();
          }}
        />
        <Space>
          {trimmed === "" && (
            <Segmented<StatusFilter>
              data-testid="resident-status-filter"
              options={STATUS_OPTIONS}
              value={query.status ?? "all"}
              onChange={(v) => update({ ...query, status: v === "all" ? null : v, page: 1 }, text)}
            />
          )}
          <ResidentExportButton />
          {canEdit && (
            <Button icon={<UploadOutlined />} data-testid="resident-import" onClick={() => navigate("/residents/import")}>
              导入居民 (Excel)
            </Button>
          )}
          {canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="resident-new"
              onClick={() => navigate("/residents/new")}
            >
              新建档案
            </Button>
          )}
        </Space>
      </Space>
      {trimmed === "" ? (
        <ResidentTable query={query} onQueryChange={(q) => update(q, text)} onOpen={open} />
      ) : (
        <SearchResults
          hits={search.hits}
          loading={search.loading}
          error={search.error}
          limit={SEARCH_LIMIT}
          resultsFor={resultsReady ? trimmed : undefined}
          onOpen={open}
        />
      )}
    </div>
  );
}
