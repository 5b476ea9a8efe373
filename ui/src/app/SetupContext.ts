/** The installation's setup state (institution, device, data file) for every screen of the shell. */
import { createContext, useContext } from "react";
import type { Institution, SetupState } from "../ipc";

export interface SetUpState extends SetupState {
  institution: Institution;
}

export function isSetUp(s: SetupState): s is SetUpState {
  return s.setUp && s.institution !== null;
}

export const SetupContext = createContext<SetUpState | null>(null);

export function useSetup(): SetUpState {
  const s = useContext(SetupContext);
  if (!s) throw new Error("useSetup outside of the app shell");
  return s;
}
