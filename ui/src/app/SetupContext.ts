/** The installation's setup state (institution, user, device) for every screen of the shell. */
import { createContext, useContext } from "react";
import type { Institution, SetupState, UserSummary } from "../ipc";

export interface SetUpState extends SetupState {
  institution: Institution;
  user: UserSummary;
}

export const SetupContext = createContext<SetUpState | null>(null);

export function useSetup(): SetUpState {
  const s = useContext(SetupContext);
  if (!s) throw new Error("useSetup outside of the app shell");
  return s;
}
