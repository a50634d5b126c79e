import { useCallback, useEffect, useRef, useState } from "react";
import { failureOf, type Failure } from "./problems";

export interface Loaded<T> {
  data: T | undefined;
  failure: Failure | undefined;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change (and on reload()); keeps the last data while a new load runs; ignores stale answers. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [failure, setFailure] = useState<Failure>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const mine = ++latest.current;
    setLoading(true);
    load().then(
      (value) => { if (mine === latest.current) { setData(value); setFailure(undefined); setLoading(false); } },
      async (error) => { const f = await failureOf(error); if (mine === latest.current) { setFailure(f); setLoading(false); } },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, failure, loading, reload };
}

export interface Action {
  busy: boolean;
  failure: Failure | undefined;
  /** Runs `act`; returns its result, or undefined after a failure (which `failure` then holds). */
  run<T>(act: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

/** One action at a time (a button's), with its failure kept for the form to show. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const run = useCallback(async <T,>(act: () => Promise<T>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      return await act();
    } catch (error) {
      setFailure(await failureOf(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, run, clear: useCallback(() => setFailure(undefined), []) };
}
