/**
 * 巡诊 (`/services/rounds/:homeId`): go down a nursing home's residents in bed order and log a
 * round for each with the keyboard only. Every entry is saved the moment it is made (Enter), so
 * closing the window mid-round loses nothing; there is no "save all".
 *
 * Keys: Tab between fields · Enter save and go to the next resident without an entry ·
 * Alt+A or F8 未见 (then 1–4 for the reason, Esc to cancel) · PageUp / PageDown previous / next.
 */
import { App, Alert, Button, Col, Empty, Row, Space, Spin, Typography } from "antd";
import type { InputRef } from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea";
import { useCallback, useEffect, useRef, useState } from "react";
import type { KeyboardEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import type { AbsenceReason, IpcError, RoundInput, RoundRow } from "../../../ipc";
import { mapFieldIssues } from "../../../shared/fieldErrors";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useRoundSheet } from "../hooks/useRoundSheet";
import { useSaveAbsence, useSaveRound } from "../hooks/useSaveRound";
import {
  absenceReasonForKey,
  EMPTY_ROUND,
  firstPendingIndex,
  nextPendingIndex,
  progressText,
  ROUND_FIELDS,
  roundInputOf,
  roundKeyAction,
  roundProgress,
} from "../rounds";
import type { RoundField } from "../rounds";
import { homeTabPath } from "../servicesParams";
import { RoundCard } from "./RoundCard";
import { RoundList } from "./RoundList";

/** Enter in one of the round's inputs (Shift+Enter is a new line in the note; IME composing is left alone). */
function isSaveEnter(e: KeyboardEvent<HTMLElement>): boolean {
  if (e.key !== "Enter" || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229) return false;
  return e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
}

export function RoundsPage() {
  const { homeId = "" } = useParams<{ homeId: string }>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { sheet, rows, replaceRow, loading, error, reload } = useRoundSheet(homeId);
  const { saveRound, saving: savingRound } = useSaveRound();
  const { saveAbsence, saving: savingAbsence } = useSaveAbsence();
  const saving = savingRound || savingAbsence;
  const failure = useFormFailure<RoundField>(ROUND_FIELDS);
  const { fieldErrors, reset: resetFailure } = failure;

  /** The chosen resident; until one is chosen, the first without today's entry. */
  const [chosen, setChosen] = useState<number | null>(null);
  /** What was typed for each resident and not yet saved (kept when moving between residents). */
  const [drafts, setDrafts] = useState<Record<string, RoundInput>>({});
  const [absenceOpen, setAbsenceOpen] = useState(false);
  /** Bumped to put the cursor back into 收缩压. */
  const [focusTick, setFocusTick] = useState(0);

  const index = rows.length === 0 ? 0 : Math.min(chosen ?? firstPendingIndex(rows), rows.length - 1);
  const row: RoundRow | undefined = rows[index];
  const values = row ? (drafts[row.residentId] ?? roundInputOf(row)) : EMPTY_ROUND;

  const systolicRef = useRef<InputRef>(null);
  const diastolicRef = useRef<InputRef>(null);
  const pulseRef = useRef<InputRef>(null);
  const glucoseRef = useRef<InputRef>(null);
  const noteRef = useRef<TextAreaRef>(null);

  const focusField = useCallback((field: RoundField) => {
    if (field === "note") noteRef.current?.focus();
    else ({ systolic: systolicRef, diastolic: diastolicRef, pulse: pulseRef, glucose: glucoseRef })[field].current?.focus({ cursor: "all" });
  }, []);

  const residentId = row?.residentId;
  useEffect(() => {
    if (residentId) focusField("systolic");
  }, [residentId, focusTick, focusField]);

  // Answers that arrive after the person moved on must not move them again.
  const latest = useRef({ rows, residentId });
  latest.current = { rows, residentId };

  const select = useCallback(
    (i: number) => {
      if (i < 0 || i >= latest.current.rows.length) return;
      setChosen(i);
      setAbsenceOpen(false);
      resetFailure();
      setFocusTick((t) => t + 1);
    },
    [resetFailure],
  );

  /** After a save: show the stored row, forget the draft, go on to the next resident without an entry. */
  const saved = useCallback(
    (answer: RoundRow) => {
      replaceRow(answer);
      setDrafts(({ [answer.residentId]: _done, ...rest }) => rest);
      setAbsenceOpen(false);
      if (latest.current.residentId !== answer.residentId) return;
      resetFailure();
      const updated = latest.current.rows.map((r) => (r.residentId === answer.residentId ? answer : r));
      const at = updated.findIndex((r) => r.residentId === answer.residentId);
      const next = nextPendingIndex(updated, at);
      if (next === null) {
        message.success("本机构今日巡诊已全部完成");
        setChosen(at);
      } else {
        setChosen(next);
      }
      setFocusTick((t) => t + 1);
    },
    [replaceRow, resetFailure, message],
  );

  const refused = useCallback(
    (e: IpcError) => {
      failure.show(e);
      const first = ROUND_FIELDS.find((f) => mapFieldIssues(e.fields, ROUND_FIELDS).byField[f] !== undefined);
      if (first) focusField(first);
    },
    [failure, focusField],
  );

  // One save at a time: a key held down must not store the same round twice (the second would
  // be recorded as a correction of the first).
  const inFlight = useRef(false);

  const save = useCallback(async () => {
    if (!row || inFlight.current) return;
    inFlight.current = true;
    try {
      const r = await saveRound({ residentId: row.residentId, nursingHomeId: homeId, round: values });
      if (r.ok) saved(r.value);
      else refused(r.error);
    } finally {
      inFlight.current = false;
    }
  }, [row, saveRound, homeId, values, saved, refused]);

  const absent = useCallback(
    async (reason: AbsenceReason) => {
      if (!row || inFlight.current) return;
      inFlight.current = true;
      try {
        const r = await saveAbsence({
          residentId: row.residentId,
          nursingHomeId: homeId,
          absence: { reason, note: values.note },
        });
        if (r.ok) saved(r.value);
        else {
          setAbsenceOpen(false);
          refused(r.error);
        }
      } finally {
        inFlight.current = false;
      }
    },
    [row, saveAbsence, homeId, values.note, saved, refused],
  );

  const change = useCallback(
    (field: RoundField, value: string) => {
      if (!row) return;
      setDrafts((d) => ({ ...d, [row.residentId]: { ...(d[row.residentId] ?? roundInputOf(row)), [field]: value } }));
      fieldErrors.clear([field]);
    },
    [row, fieldErrors],
  );

  // Page-wide keys, also while the cursor is in an input.
  const keys = useRef({ absenceOpen, index, select, absent, saving });
  keys.current = { absenceOpen, index, select, absent, saving };
  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      const k = keys.current;
      if (k.absenceOpen) {
        if (e.key === "Escape") {
          e.preventDefault();
          setAbsenceOpen(false);
          setFocusTick((t) => t + 1);
          return;
        }
        const reason = e.altKey || e.ctrlKey || e.metaKey ? null : absenceReasonForKey(e.key);
        if (reason) {
          e.preventDefault();
          void k.absent(reason);
          return;
        }
      }
      const action = roundKeyAction(e);
      if (!action) return;
      e.preventDefault();
      if (action === "absence") {
        if (!k.saving) setAbsenceOpen((o) => !o);
      } else if (action === "previous") k.select(k.index - 1);
      else k.select(k.index + 1);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const done = () => navigate(homeTabPath(homeId));
  const progress = roundProgress(rows);

  if (loading && !sheet) return <Spin style={{ display: "block", margin: 48 }} />;
  if (error || !sheet) {
    return (
      <Alert
        type="error"
        showIcon
        message="无法打开巡诊单"
        description={error?.message}
        action={
          <Space>
            <Button onClick={reload}>重试</Button>
            <Button onClick={() => navigate("/services?tab=rounds")}>返回</Button>
          </Space>
        }
      />
    );
  }

  return (
    <div data-testid="rounds-page">
      <Space style={{ marginBottom: 12, width: "100%", justifyContent: "space-between" }} wrap>
        <Space wrap size={16}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            巡诊 · {sheet.nursingHomeName}
          </Typography.Title>
          <Typography.Text type="secondary">{sheet.date}</Typography.Text>
          <Typography.Text strong data-testid="rounds-progress" data-done={progress.done} data-total={progress.total}>
            {progressText(progress)}
          </Typography.Text>
        </Space>
        <Button
          type={progress.total > 0 && progress.done === progress.total ? "primary" : "default"}
          data-testid="rounds-done"
          onClick={done}
        >
          完成
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }}>
        每位居民按回车即保存并跳到下一位未记录的居民；Tab 切换输入框；Alt+A 或 F8 记录未见；PageUp / PageDown
        上一位 / 下一位。已保存的记录不会因关闭窗口而丢失。
      </Typography.Paragraph>

      {rows.length === 0 || !row ? (
        <Empty description="该机构没有在住居民" />
      ) : (
        <Row gutter={16} wrap={false}>
          <Col flex="260px">
            <RoundList rows={rows} current={index} onSelect={select} />
          </Col>
          <Col flex="auto" style={{ minWidth: 0 }}>
            <RoundCard
              row={row}
              values={values}
              onChange={change}
              fieldErrors={fieldErrors}
              banner={failure.banner}
              onCloseBanner={failure.clearBanner}
              refs={{ systolic: systolicRef, diastolic: diastolicRef, pulse: pulseRef, glucose: glucoseRef, note: noteRef }}
              onInputKeyDown={(e) => {
                if (!isSaveEnter(e)) return;
                e.preventDefault();
                void save();
              }}
              saving={saving}
              onSave={() => void save()}
              absenceOpen={absenceOpen}
              onAbsenceOpenChange={(open) => {
                setAbsenceOpen(open);
                if (!open) setFocusTick((t) => t + 1);
              }}
              onAbsence={(reason) => void absent(reason)}
              onPrevious={() => select(index - 1)}
              onNext={() => select(index + 1)}
              isFirst={index === 0}
              isLast={index === rows.length - 1}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
