/** A signatory as the sign dialogs hold it: a typed name and the pad's PNG. */
import type { DrawnSignature } from "../../ipc";

/** What antd's form store holds for one signatory (`clinic`, `home`, `doctor`, `resident`). */
export interface SignatoryValues {
  name?: string;
  png?: string;
}

export function signatoryValues(name = ""): SignatoryValues {
  return { name, png: "" };
}

/** The signature Rust gets; nothing drawn is `""` (Rust asks for the signature). */
export function toDrawnSignature(v: SignatoryValues | undefined): DrawnSignature {
  return { name: v?.name ?? "", png: v?.png ?? "" };
}
