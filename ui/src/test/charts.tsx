/** Stand-ins for the pages that draw indicators: jsdom has no canvas. */
import { forwardRef, useImperativeHandle } from "react";
import type { Rate } from "../ipc";
import type { ChartHandle, ChartProps } from "../features/stats/components/Chart";

/** The chart shows its option as text and gives a fixed PNG. */
export const FakeChart = forwardRef<ChartHandle, ChartProps>(function FakeChart({ option, testId }, ref) {
  useImperativeHandle(ref, () => ({ pngBase64: () => "iVBORw0KGgo=" }));
  return <pre data-testid={testId}>{JSON.stringify(option)}</pre>;
});

/** A rate as Rust computes it: percent to one decimal, none for an empty denominator. */
export const rate = (numerator: number, denominator: number, target: number | null = null): Rate => ({
  numerator,
  denominator,
  percent: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10,
  targetPercent: target,
  meetsTarget: target === null || denominator === 0 ? null : (numerator * 100) / denominator >= target,
});
