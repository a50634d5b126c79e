import { useState } from "react";
import { useAction, type Action } from "../app/hooks";
import { invalid, type Problem } from "./checks";

export interface CheckedSave {
  /** What the page's own checks found, each naming its field. */
  problems: Problem[];
  /** The save itself: busy, and Baton's refusal. */
  save: Action;
  /** Checks, and sends only when nothing was found; hands what was saved on. One at a time. */
  submit(): Promise<void>;
  /** `aria-invalid` for a field's control. */
  bad(field: string): true | undefined;
}

/** An editor's save: the form is checked in the page first (`check`), then sent (`put`), then `onSaved` is told. */
export function useCheckedSave<T>(check: () => Problem[], put: () => Promise<T>, onSaved: (saved: T) => void): CheckedSave {
  const [problems, setProblems] = useState<Problem[]>([]);
  const save = useAction();
  return {
    problems,
    save,
    async submit() {
      if (save.busy) return;
      const found = check();
      setProblems(found);
      if (found.length) {
        return;
      }
      const saved = await save.run(put);
      if (saved) {
        onSaved(saved);
      }
    },
    bad: (field) => invalid(problems, field) || undefined,
  };
}
