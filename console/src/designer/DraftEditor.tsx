import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Modal } from "../app/ui";
import { failureOf } from "../app/problems";
import { WorkflowDiagram, problemsLabel } from "../diagram/WorkflowDiagram";
import type { Selection } from "../diagram/types";
import {
  addState, addTransition, deleteState, deleteTransition, formatDefinition, keyProblem, parseDefinition, readingOrder, sortProblems,
  STATE_TYPES, stateKeys, suggestTransitionKey, diagramStates, diagramTransitions, TRANSITION_KINDS, transitionKeys, uniqueKey,
  type Definition, type ParseResult, type Problem,
} from "./model";
import { Section, StateInspector, TransitionInspector, WorkflowPanel } from "./Inspector";
import { downloadJson } from "./download";
import { dropUnsaved, keepUnsaved, unsavedFor } from "./unsaved";

const VALIDATE_AFTER_MS = 400;
const HISTORY = 50;
const UNDO_BURST_MS = 1000;

/**
 * The draft's editor: the diagram and the JSON side by side in step, the inspector of the selected element, the
 * problems the last validation found (on their elements and in a list), and save / discard / publish.
 */
export function DraftEditor({ workflowKey, initial, stamp: savedStamp, onPublished, onDiscarded }: {
  /** The saved draft and when it was saved (edits made on it and not saved yet are given back). */
  workflowKey: string; initial: Definition; stamp: string; onPublished(version: number): void; onDiscarded(): void;
}) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const [restored] = useState(() => unsavedFor(workflowKey, savedStamp));
  const [model, setModel] = useState<Definition>(restored?.model ?? initial);
  const stamp = useRef(savedStamp);
  // The JSON shows the model, formatted (a moment later while edits come fast), or the admin's own text while they type in it.
  const formatted = useMemo(() => formatDefinition(model), [model]);
  const shownFormatted = useDeferredValue(formatted);
  const [typed, setTyped] = useState<string>();
  const text = typed ?? shownFormatted;
  const [parseError, setParseError] = useState<ParseResult["error"]>();
  const [saved, setSaved] = useState(() => restored?.saved ?? JSON.stringify(initial));
  const [history, setHistory] = useState<Definition[]>([]);
  const [selected, setSelected] = useState<Selection | undefined>();
  const [check, setCheck] = useState<config.DefinitionCheck>();
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState<Awaited<ReturnType<typeof failureOf>>>();
  const [dialog, setDialog] = useState<{ kind: "state" } | { kind: "transition"; from?: string; to?: string } | { kind: "discard" }>();
  const [notice, setNotice] = useState<string>();
  const action = useAction();
  const dirty = useMemo(() => JSON.stringify(model) !== saved, [model, saved]);

  /** An edit from the diagram or the inspector: the JSON follows, and it can be undone. */
  const current = useRef(model);
  current.current = model;
  const lastKept = useRef(0);
  /** Keeps the model before an edit for Undo; a burst of keystrokes is one step. */
  const keep = useCallback((previous: Definition) => {
    const now = Date.now();
    if (now - lastKept.current > UNDO_BURST_MS) {
      setHistory((h) => [...h.slice(-(HISTORY - 1)), previous]);
    }
    lastKept.current = now;
  }, []);
  const apply = useCallback((next: Definition) => {
    keep(current.current);
    current.current = next;
    setModel(next);
    setTyped(undefined);
    setParseError(undefined);
    setNotice(undefined);
  }, [keep]);

  const undo = () => {
    const previous = history.at(-1);
    if (previous) {
      setHistory(history.slice(0, -1));
      lastKept.current = 0;
      setModel(previous);
      setTyped(undefined);
      setParseError(undefined);
    }
  };

  const editText = (value: string) => {
    setTyped(value);
    const parsed = parseDefinition(value);
    if (parsed.definition) {
      keep(model);
      setModel(parsed.definition);
      setParseError(undefined);
    } else {
      setParseError(parsed.error);
    }
  };

  // Validate each change, once typing pauses; an older answer never overwrites a newer one.
  const round = useRef(0);
  useEffect(() => {
    const mine = ++round.current;
    setChecking(true);
    const timer = window.setTimeout(() => {
      api.validate({ workflowDefinition: model }).then(
        (answer) => { if (mine === round.current) { setCheck(answer); setCheckFailed(undefined); setChecking(false); } },
        async (error) => { const f = await failureOf(error); if (mine === round.current) { setCheckFailed(f); setChecking(false); } },
      );
    }, VALIDATE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [model, api]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) {
      return;
    }
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const sorted = useMemo(() => sortProblems(check?.problems), [check]);
  const drawnStates = useMemo(() => diagramStates(model.states), [model.states]);
  const drawnTransitions = useMemo(() => diagramTransitions(model.transitions), [model.transitions]);
  const problemCount = check?.problems?.length ?? 0;

  // The selection follows the model: an element renamed or deleted (in the JSON, say) is no longer selected.
  const selectedState = selected?.element === "state" ? (model.states ?? []).find((s) => s.key === selected.key) : undefined;
  const selectedTransition = selected?.element === "transition" ? (model.transitions ?? []).find((x) => x.key === selected.key) : undefined;
  const selection = selectedState || selectedTransition ? selected : undefined;

  // Unsaved edits outlive a look at another tab.
  useEffect(() => {
    if (dirty) {
      keepUnsaved(workflowKey, { stamp: stamp.current, model, saved });
    } else {
      dropUnsaved(workflowKey);
    }
  }, [dirty, model, saved, workflowKey]);

  const save = () => action.run(async () => {
    const answer = await api.saveDraft({ key: workflowKey, workflowDefinition: model });
    stamp.current = answer.updatedAt?.toISOString() ?? "";
    setSaved(JSON.stringify(model));
    setNotice(t("designer.saved"));
  });

  const publish = () => action.run(async () => {
    const answer = await api.saveDraft({ key: workflowKey, workflowDefinition: model });
    stamp.current = answer.updatedAt?.toISOString() ?? "";
    setSaved(JSON.stringify(model));
    const published = await api.publish({ key: workflowKey });
    dropUnsaved(workflowKey);
    onPublished(published.version ?? 0);
  });

  const discard = () => action.run(async () => {
    await api.deleteDraft({ key: workflowKey });
    dropUnsaved(workflowKey);
    setDialog(undefined);
    setSaved(JSON.stringify(model));
    onDiscarded();
  });

  const onConnect = useCallback((from: string, to: string) => setDialog({ kind: "transition", from, to }), []);
  const select = useCallback((s: Selection | undefined) => setSelected(s), []);

  const describe = (p: Problem) => {
    switch (p.element) {
      case "state": return t("designer.problems.state", { key: p.key ?? "" });
      case "transition": return t("designer.problems.transition", { key: p.key ?? "" });
      case "field": return t("designer.problems.field", { key: p.key ?? "" });
      default: return t("designer.problems.workflow");
    }
  };
  const jsonId = useId();

  return (
    <div className="designer-draft">
      <div className="designer-toolbar" role="group" aria-label={t("designer.toolbar")}>
        <button type="button" onClick={() => setDialog({ kind: "state" })}>{t("designer.addState")}</button>
        <button type="button" onClick={() => setDialog({ kind: "transition" })}>{t("designer.addTransition")}</button>
        <button type="button" onClick={undo} disabled={history.length === 0}>{t("designer.undo")}</button>
        <span className="designer-sep" aria-hidden="true" />
        <button type="button" onClick={save} disabled={action.busy || Boolean(parseError)}>{t("designer.saveDraft")}</button>
        <button type="button" className="primary" onClick={publish} disabled={action.busy || Boolean(parseError)}>{t("designer.publish")}</button>
        <button type="button" onClick={() => downloadJson(`${workflowKey}-draft.json`, readingOrder(model))}>{t("designer.exportDraft")}</button>
        <button type="button" className="danger" onClick={() => setDialog({ kind: "discard" })} disabled={action.busy}>{t("designer.discardDraft")}</button>
        <span className="designer-status" role="status" aria-live="polite">
          {dirty ? <span className="badge warn">{t("designer.unsaved")}</span> : <span className="badge">{t("designer.allSaved")}</span>}
          {" "}
          {checking ? <span className="badge">{t("designer.checking")}</span>
            : checkFailed ? <span className="badge bad">{t("designer.checkFailed")}</span>
              : problemCount === 0 ? <span className="badge ended">{t("designer.valid")}</span>
                : <span className="badge bad">{problemsLabel(t, problemCount)}</span>}
        </span>
      </div>
      <FailureNote failure={action.failure} />
      <FailureNote failure={checkFailed} />
      {notice && <div className="success" role="status">{notice}</div>}

      <div className="designer-editor">
        <div className="designer-main">
          <WorkflowDiagram
            label={t("designer.diagram.label", { name: model.name || workflowKey })}
            states={drawnStates}
            transitions={drawnTransitions}
            problems={sorted.byElement}
            selected={selection}
            onSelect={select}
            editable
            onConnect={onConnect}
            height={440}
          />
          <p className="hint designer-help">{t("designer.diagramHelp")}</p>
          <div className="designer-json">
            <label htmlFor={jsonId}>{t("designer.json")}</label>
            <textarea id={jsonId} value={text} rows={16} spellCheck={false} aria-invalid={parseError ? true : undefined}
              aria-describedby={parseError ? `${jsonId}-error` : undefined} onChange={(e) => editText(e.target.value)}
              onBlur={() => { if (!parseError) { setTyped(undefined); } }} />
            {parseError && (
              <div className="failure" role="alert" id={`${jsonId}-error`}>
                {t(`designer.parse.${parseError.code}`, { part: parseError.detail })}
                {parseError.code === "syntax" && <span> {parseError.detail}</span>}
                <span> {t("designer.parse.kept")}</span>
              </div>
            )}
          </div>
        </div>
        <div className="designer-side">
          <section className="designer-problems" aria-label={t("designer.problems.title")}>
            <h2>{t("designer.problems.title")} <span className={problemCount ? "badge bad" : "badge ended"}>{problemCount}</span></h2>
            {problemCount === 0 && !checking && <p className="hint">{t("designer.problems.none")}</p>}
            {problemCount > 0 && (
              <ul>
                {(check?.problems ?? []).map((p, i) => (
                  <li key={i}>
                    <button type="button" className="link designer-problem" onClick={() => setSelected(
                      (p.element === "state" || p.element === "transition") && p.key ? { element: p.element, key: p.key } : undefined)}>
                      <strong>{describe(p)}</strong>: {p.message}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Section label={t("designer.inspector.title")}>
            <Labelled label={t("designer.inspector.element")}>
              {(id) => (
                <select id={id} value={selection ? `${selection.element}:${selection.key}` : ""}
                  onChange={(e) => {
                    const value = e.target.value;
                    const at = value.indexOf(":");
                    setSelected(value ? { element: value.slice(0, at) as Selection["element"], key: value.slice(at + 1) } : undefined);
                  }}>
                  <option value="">{t("designer.inspector.workflow")}</option>
                  <optgroup label={t("designer.inspector.states")}>
                    {(model.states ?? []).map((s, i) => <option key={i} value={`state:${s.key}`}>{s.name || s.key} ({s.key})</option>)}
                  </optgroup>
                  <optgroup label={t("designer.inspector.transitions")}>
                    {(model.transitions ?? []).map((x, i) => <option key={i} value={`transition:${x.key}`}>{x.name || x.key} ({x.from} → {x.to})</option>)}
                  </optgroup>
                </select>
              )}
            </Labelled>
            {selectedState && (
              <StateInspector key={`s:${selectedState.key}`} definition={model} state={selectedState}
                problems={sorted.byElement[`state:${selectedState.key}`] ?? []} apply={apply} onSelect={select}
                onDelete={() => { apply(deleteState(model, selectedState.key ?? "")); setSelected(undefined); }} />
            )}
            {selectedTransition && (
              <TransitionInspector key={`t:${selectedTransition.key}`} definition={model} transition={selectedTransition}
                problems={sorted.byElement[`transition:${selectedTransition.key}`] ?? []} apply={apply} onSelect={select}
                onDelete={() => { apply(deleteTransition(model, selectedTransition.key ?? "")); setSelected(undefined); }} />
            )}
            {!selection && <WorkflowPanel definition={model} problems={sorted.general} apply={apply} />}
          </Section>
        </div>
      </div>

      {dialog?.kind === "state" && (
        <AddStateDialog definition={model} onClose={() => setDialog(undefined)}
          onAdd={(state) => { apply(addState(model, state)); setSelected({ element: "state", key: state.key! }); setDialog(undefined); }} />
      )}
      {dialog?.kind === "transition" && (
        <AddTransitionDialog definition={model} from={dialog.from} to={dialog.to} onClose={() => setDialog(undefined)}
          onAdd={(transition) => { apply(addTransition(model, transition)); setSelected({ element: "transition", key: transition.key! }); setDialog(undefined); }} />
      )}
      <Modal title={t("designer.discard.title")} open={dialog?.kind === "discard"} onClose={() => setDialog(undefined)}>
        <p>{t("designer.discard.text")}</p>
        <FailureNote failure={action.failure} />
        <div className="row">
          <button type="button" className="danger" onClick={discard} disabled={action.busy}>{t("designer.discard.confirm")}</button>
          <button type="button" onClick={() => setDialog(undefined)} autoFocus>{t("designer.cancel")}</button>
        </div>
      </Modal>
    </div>
  );
}

function AddStateDialog({ definition, onAdd, onClose }: { definition: Definition; onAdd(state: config.StateDef): void; onClose(): void }) {
  const { t } = useI18n();
  const taken = stateKeys(definition);
  const [key, setKey] = useState(() => uniqueKey("state", taken));
  const [name, setName] = useState("");
  const [type, setType] = useState<config.StateDefTypeEnum>("NORMAL");
  const problem = keyProblem(key, taken);
  return (
    <Modal title={t("designer.addState")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); if (!problem) { onAdd({ key, name: name || undefined, type }); } }}>
        <Labelled label={t("designer.form.key")} hint={problem ? t(`designer.key.${problem}`) : t("designer.key.rule")}>
          {(id) => <input id={id} value={key} autoFocus aria-invalid={problem ? true : undefined} onChange={(e) => setKey(e.target.value)} />}
        </Labelled>
        <Labelled label={t("designer.form.name")}>{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} />}</Labelled>
        <Labelled label={t("designer.form.type")}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.target.value as config.StateDefTypeEnum)}>
              {STATE_TYPES.map((v) => <option key={v} value={v}>{t(`designer.type.${v}`)}</option>)}
            </select>
          )}
        </Labelled>
        <div className="row">
          <button type="submit" className="primary" disabled={Boolean(problem)}>{t("designer.add")}</button>
          <button type="button" onClick={onClose}>{t("designer.cancel")}</button>
        </div>
      </form>
    </Modal>
  );
}

function AddTransitionDialog({ definition, from: initialFrom, to: initialTo, onAdd, onClose }: {
  definition: Definition; from?: string; to?: string; onAdd(transition: config.TransitionDef): void; onClose(): void;
}) {
  const { t } = useI18n();
  const states = definition.states ?? [];
  const [from, setFrom] = useState(initialFrom ?? states[0]?.key ?? "");
  const [to, setTo] = useState(initialTo ?? states[1]?.key ?? states[0]?.key ?? "");
  const [key, setKey] = useState(() => suggestTransitionKey(definition, from, to));
  const [keyTouched, setKeyTouched] = useState(false);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<config.TransitionDefKindEnum>("AGREE");
  const problem = keyProblem(key, transitionKeys(definition));
  const ready = !problem && from !== "" && to !== "";
  const follow = (f: string, tt: string) => { if (!keyTouched) { setKey(suggestTransitionKey(definition, f, tt)); } };
  const option = (s: config.StateDef) => <option key={s.key} value={s.key}>{s.name || s.key} ({s.key})</option>;
  return (
    <Modal title={t("designer.addTransition")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); if (ready) { onAdd({ key, name: name || undefined, from, to, kind }); } }}>
        <div className="grid-2">
          <Labelled label={t("designer.form.from")}>
            {(id) => <select id={id} value={from} onChange={(e) => { setFrom(e.target.value); follow(e.target.value, to); }}>{states.map(option)}</select>}
          </Labelled>
          <Labelled label={t("designer.form.to")}>
            {(id) => <select id={id} value={to} onChange={(e) => { setTo(e.target.value); follow(from, e.target.value); }}>{states.map(option)}</select>}
          </Labelled>
        </div>
        <Labelled label={t("designer.form.key")} hint={problem ? t(`designer.key.${problem}`) : t("designer.key.rule")}>
          {(id) => <input id={id} value={key} autoFocus aria-invalid={problem ? true : undefined}
            onChange={(e) => { setKey(e.target.value); setKeyTouched(true); }} />}
        </Labelled>
        <Labelled label={t("designer.form.name")}>{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} />}</Labelled>
        <Labelled label={t("designer.form.kind")}>
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as config.TransitionDefKindEnum)}>
              {TRANSITION_KINDS.map((v) => <option key={v} value={v}>{t(`designer.kind.${v}`)}</option>)}
            </select>
          )}
        </Labelled>
        <div className="row">
          <button type="submit" className="primary" disabled={!ready}>{t("designer.add")}</button>
          <button type="button" onClick={onClose}>{t("designer.cancel")}</button>
        </div>
      </form>
    </Modal>
  );
}
