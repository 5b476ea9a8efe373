import { scaleSpec } from "../../../ipc";
import type { Scale } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** A scale's items and options, from Rust (the form is rendered from them). */
export function useScaleSpec(scale: Scale | null) {
  const q = useIpcQuery(scale, () => scaleSpec(scale ?? "self_care"));
  return { spec: q.data, loading: q.loading, error: q.error };
}
