import { useRef, useState, type ReactNode } from "react";
import { command, idempotencyKey, type query } from "@baton/client";
import { useBaton } from "../app/session";
import { useI18n } from "../app/i18n";
import { useAction } from "../app/hooks";
import { FailureNote, Labelled, Modal } from "../app/ui";
import { buildFields, controlsOfViews, fieldProblems, initialRaw, commentProblem, type Problem, type Raw } from "./form";
import {
  EMPTY_INPUT, availableCommands, checksRequired, commandBody, favourable, keyFor, sendBackTargets, transitionsOf, writtenOf,
  type CommandInput, type CommandKind,
} from "./ticket";
import { FieldInputs, useProblemText } from "./FieldInputs";

export interface Written {
  ticketId: string;
  version: number;
}

type Open = { kind: "handle"; transition: { key: string; name: string; kind: string; checkRequiredFields: boolean } } | { kind: "patch" }
  | { kind: Exclude<CommandKind, "patch" | "accept"> };

/**
 * What the signed-in user may do to the ticket now, exactly as the detail's `actions` says: take one of the listed
 * transitions (with the fields the state lets them edit), accept, and the other commands, each in a small dialog
 * with an optional comment. Every command names the version the user saw and carries an Idempotency-Key.
 */
export function TicketActions({ detail, steps, defined, onWritten }: {
  detail: query.TicketDetail; steps: query.StepBar | undefined; onWritten(written: Written, what: string): void;
  /** The workflow version's transitions (the outline's), for whether each checks the required fields. */
  defined?: { key?: string; checkRequiredFields?: boolean }[];
}) {
  const { t } = useI18n();
  const baton = useBaton();
  const [open, setOpen] = useState<Open>();
  const opener = useRef<HTMLElement | null>(null);
  const accept = useAction();
  const acceptKey = useRef<{ body: string; key: string }>(undefined);
  const transitions = transitionsOf(detail.actions, defined);
  const commands = availableCommands(detail.actions);
  const id = detail.ticketId!;

  const show = (next: Open) => {
    opener.current = document.activeElement as HTMLElement | null;
    setOpen(next);
  };
  const close = () => {
    setOpen(undefined);
    const back = opener.current;
    setTimeout(() => back?.isConnected && back.focus(), 0);
  };
  const done = (result: command.CommandResult, what: string) => {
    setOpen(undefined);
    const written = writtenOf(result, id);
    if (written) {
      onWritten(written, what);
    }
  };

  async function doAccept() {
    const body = { expectedVersion: detail.version };
    acceptKey.current = keyFor(acceptKey.current, JSON.stringify({ accept: body }), idempotencyKey);
    const key = acceptKey.current.key;
    const result = await accept.run(() => baton.api.commands(command.TicketsActApi).accept({
      id, idempotencyKey: key, acceptTicketRequest: body,
    }));
    if (result) {
      done(result, t("inbox.cmd.accept"));
    }
  }

  if (transitions.length === 0 && commands.length === 0) {
    return <p className="hint">{t("inbox.act.nothing")}</p>;
  }
  return (
    <>
      {transitions.length > 0 && (
        <div className="row inbox-transitions" role="group" aria-label={t("inbox.act.transitions")}>
          {transitions.map((tr) => (
            <button key={tr.key} type="button" data-transition={tr.key}
                    className={tr.kind === "REJECT" ? "danger" : tr.kind === "AGREE" ? "primary" : undefined}
                    onClick={() => show({ kind: "handle", transition: tr })}>
              {tr.name}
            </button>
          ))}
        </div>
      )}
      {commands.length > 0 && (
        <div className="row inbox-commands" role="group" aria-label={t("inbox.act.commands")}>
          {commands.map((kind) => kind === "accept" ? (
            <button key={kind} type="button" className="primary" disabled={accept.busy} onClick={() => void doAccept()}>
              {t("inbox.cmd.accept")}
            </button>
          ) : (
            <button key={kind} type="button" className={kind === "close" ? "danger" : undefined} onClick={() => show({ kind })}>
              {t(`inbox.cmd.${kind}`)}
            </button>
          ))}
        </div>
      )}
      <FailureNote failure={accept.failure} />
      {open?.kind === "handle" && (
        <FieldsDialog detail={detail} transition={open.transition} onClose={close} onDone={done} />
      )}
      {open?.kind === "patch" && <FieldsDialog detail={detail} onClose={close} onDone={done} />}
      {open && open.kind !== "handle" && open.kind !== "patch" && (
        <CommandDialog kind={open.kind} detail={detail} steps={steps} onClose={close} onDone={done} />
      )}
    </>
  );
}

/** Handle along a transition, or patch fields: the fields the state lets the user edit, and a comment. */
function FieldsDialog({ detail, transition, onClose, onDone }: {
  detail: query.TicketDetail; transition?: { key: string; name: string; kind: string; checkRequiredFields: boolean }; onClose(): void;
  onDone(result: command.CommandResult, what: string): void;
}) {
  const { t } = useI18n();
  const baton = useBaton();
  const problemText = useProblemText();
  const controls = controlsOfViews(detail.fields);
  const current: Record<string, unknown> = Object.fromEntries((detail.fields ?? []).map((f) => [f.key!, f.value]));
  const [raws, setRaws] = useState<Record<string, Raw>>(
    () => Object.fromEntries(controls.map((c) => [c.key, initialRaw(c, current[c.key])])));
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  const [formProblem, setFormProblem] = useState<Problem>();
  const action = useAction();
  const lastKey = useRef<{ body: string; key: string }>(undefined);
  const editable = controls.some((c) => !c.readOnly);
  const title = transition ? transition.name : t("inbox.cmd.patch");
  const [edited, setEdited] = useState<string[]>([]);
  const serverErrors = action.failure
    ? Object.fromEntries(Object.entries(fieldProblems(action.failure.errors, action.failure.detail)).filter(([k]) => !edited.includes(k)))
    : {};

  async function submit() {
    const built = buildFields(controls, raws, { enforceRequired: checksRequired(transition), current });
    const commentP = commentProblem(comment);
    const nothing = !transition && built.ok && Object.keys(built.fields).length === 0;
    setProblems(built.problems);
    setFormProblem(commentP ?? (nothing ? { key: "inbox.act.nothingChanged" } : undefined));
    action.clear();
    setEdited([]);
    if (!built.ok || commentP || nothing) {
      return;
    }
    const id = detail.ticketId!;
    const api = baton.api.commands(command.TicketsActApi);
    const base: { fields?: Record<string, unknown>; comment?: string; expectedVersion?: number } = { expectedVersion: detail.version };
    if (Object.keys(built.fields).length > 0) base.fields = built.fields;
    if (comment.trim()) base.comment = comment.trim();
    const body = transition ? { ...base, transition: transition.key } : base;
    lastKey.current = keyFor(lastKey.current, JSON.stringify({ transition: transition?.key ?? "patch", body }), idempotencyKey);
    const key = lastKey.current.key;
    const result = await action.run(() => (transition
      ? api.handle({ id, idempotencyKey: key, handleTicketRequest: body })
      : api.patch({ id, idempotencyKey: key, patchFieldsRequest: body })));
    if (result) {
      onDone(result, title);
    }
  }

  return (
    <Modal title={title} open onClose={onClose}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {transition && <p className="hint">{t("inbox.act.handleHint", { name: transition.name })}</p>}
        {controls.length > 0 && (
          <fieldset className="inbox-plain">
            <legend>{t("inbox.ticket.fields")}</legend>
            {!editable && <p className="hint">{t("inbox.act.noEditable")}</p>}
            <FieldInputs controls={controls} raws={raws} problems={problems} serverErrors={serverErrors} autoFocusFirst
                         onChange={(key, raw) => { setRaws((r) => ({ ...r, [key]: raw })); setEdited((e) => (e.includes(key) ? e : [...e, key])); }} />
          </fieldset>
        )}
        <Labelled label={t("inbox.act.comment")} hint={t("inbox.act.optional")}>{(id) => (
          <textarea id={id} rows={3} value={comment} autoFocus={!editable} onChange={(e) => setComment(e.target.value)} />
        )}</Labelled>
        {formProblem && <p className="inbox-error" role="alert">{problemText(formProblem)}</p>}
        <FailureNote failure={action.failure} />
        <div className="row inbox-dialog-buttons">
          <button type="submit" className={transition?.kind === "REJECT" ? "danger" : "primary"} disabled={action.busy}>
            {transition ? transition.name : t("inbox.act.saveFields")}
          </button>
          <button type="button" onClick={onClose}>{t("app.cancel")}</button>
        </div>
      </form>
    </Modal>
  );
}

/** The other commands: who to (transfer, CC, add-sign), where to (send back), agree or not (finish sign), a comment. */
function CommandDialog({ kind, detail, steps, onClose, onDone }: {
  kind: Exclude<CommandKind, "patch" | "accept">; detail: query.TicketDetail; steps: query.StepBar | undefined;
  onClose(): void; onDone(result: command.CommandResult, what: string): void;
}) {
  const { t } = useI18n();
  const baton = useBaton();
  const problemText = useProblemText();
  const [input, setInput] = useState<CommandInput>(() => ({
    ...EMPTY_INPUT,
    target: kind === "sendBack" ? (sendBackTargets(steps?.steps, detail.state?.key)[0]?.key ?? "") : "",
  }));
  const [problems, setProblems] = useState<Partial<Record<"comment" | "users" | "target", Problem>>>({});
  const action = useAction();
  const lastKey = useRef<{ body: string; key: string }>(undefined);
  const title = t(`inbox.cmd.${kind}`);
  const set = <K extends keyof CommandInput>(key: K, value: CommandInput[K]) => setInput((i) => ({ ...i, [key]: value }));

  async function submit() {
    const checked = commandBody(kind, input, detail.version);
    action.clear();
    if ("problems" in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    const id = detail.ticketId!;
    const body = checked.body;
    lastKey.current = keyFor(lastKey.current, JSON.stringify({ kind, body }), idempotencyKey);
    const key = lastKey.current.key;
    const api = baton.api.commands(command.TicketsActApi);
    const result = await action.run(() => {
      switch (kind) {
        case "release": return api.release({ id, idempotencyKey: key, releaseTicketRequest: body });
        case "finishSign": return api.finishSign({ id, idempotencyKey: key, finishSignRequest: body });
        case "transfer": return api.transfer({ id, idempotencyKey: key, transferTicketRequest: body });
        case "addSign": return api.addSign({ id, idempotencyKey: key, addSignRequest: body });
        case "sendBack": return api.sendBack({ id, idempotencyKey: key, sendBackTicketRequest: body });
        case "withdraw": return api.withdraw({ id, idempotencyKey: key, withdrawTicketRequest: body });
        case "cc": return api.cc({ id, idempotencyKey: key, ccTicketRequest: body });
        case "remind": return api.remind({ id, idempotencyKey: key, remindTicketRequest: body });
        case "close": return api.close({ id, idempotencyKey: key, closeTicketRequest: body });
        case "comment": return api.comment({ id, idempotencyKey: key, commentRequest: body });
      }
    });
    if (result) {
      onDone(result, title);
    }
  }

  const error = (which: "comment" | "users" | "target") => problems[which]
    ? <small className="inbox-error">{problemText(problems[which])}</small> : null;
  const invalid = (which: "comment" | "users" | "target") => (problems[which] ? true : undefined);
  let specific: ReactNode = null;
  if (kind === "transfer" || kind === "cc" || kind === "addSign") {
    const label = kind === "transfer" ? t("inbox.act.toUser") : kind === "cc" ? t("inbox.act.toUsers") : t("inbox.act.signers");
    specific = (
      <Labelled label={label} hint={kind === "transfer" ? t("inbox.form.userHint") : t("inbox.form.usersHint")}>{(id) => (
        <>
          <input id={id} value={input.users} autoFocus autoComplete="off" required aria-invalid={invalid("users")}
                 onChange={(e) => set("users", e.target.value)} />
          {error("users")}
        </>
      )}</Labelled>
    );
  }
  if (kind === "addSign") {
    const favour = transitionsOf(detail.actions).filter((tr) => favourable(tr.kind));
    specific = (
      <>
        {specific}
        <div className="grid-2">
          <Labelled label={t("inbox.act.position")}>{(id) => (
            <select id={id} value={input.position} onChange={(e) => set("position", e.target.value as CommandInput["position"])}>
              {(["BEFORE", "AFTER", "PARALLEL"] as const).map((p) => <option key={p} value={p}>{t(`inbox.act.position.${p}`)}</option>)}
            </select>
          )}</Labelled>
          <Labelled label={t("inbox.act.mode")}>{(id) => (
            <select id={id} value={input.mode} onChange={(e) => set("mode", e.target.value as CommandInput["mode"])}>
              {(["ANY", "ALL", "SEQUENTIAL"] as const).map((m) => <option key={m} value={m}>{t(`inbox.act.mode.${m}`)}</option>)}
            </select>
          )}</Labelled>
        </div>
        {input.position === "AFTER" ? (
          <Labelled label={t("inbox.act.held")} hint={t("inbox.act.heldHint")}>{(id) => (
            <>
              <select id={id} value={input.target} aria-invalid={invalid("target")} onChange={(e) => set("target", e.target.value)}>
                <option value="">{t("inbox.form.choose")}</option>
                {favour.map((tr) => <option key={tr.key} value={tr.key}>{tr.name}</option>)}
              </select>
              {error("target")}
            </>
          )}</Labelled>
        ) : error("target")}
      </>
    );
  }
  if (kind === "sendBack") {
    const targets = sendBackTargets(steps?.steps, detail.state?.key);
    specific = (
      <>
        <Labelled label={t("inbox.act.toState")}>{(id) => (
          <>
            <select id={id} value={input.target} autoFocus aria-invalid={invalid("target")} onChange={(e) => set("target", e.target.value)}>
              {targets.length === 0 && <option value="">{t("inbox.act.noEarlier")}</option>}
              {targets.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
            </select>
            {error("target")}
          </>
        )}</Labelled>
        <label className="check">
          <input type="checkbox" checked={input.resubmitToMe} onChange={(e) => set("resubmitToMe", e.target.checked)} />
          {t("inbox.act.resubmitToMe")}
        </label>
      </>
    );
  }
  if (kind === "finishSign") {
    specific = (
      <fieldset className="inbox-plain">
        <legend>{t("inbox.act.opinion")}</legend>
        <label className="check"><input type="radio" name="agree" autoFocus checked={input.agree} onChange={() => set("agree", true)} />{t("inbox.act.agree")}</label>
        <label className="check"><input type="radio" name="agree" checked={!input.agree} onChange={() => set("agree", false)} />{t("inbox.act.object")}</label>
      </fieldset>
    );
  }
  const intro = t(`inbox.cmd.${kind}.hint`);
  const commentLabel = kind === "close" ? t("inbox.act.reason") : t("inbox.act.comment");
  const commentRequired = kind === "comment";
  return (
    <Modal title={title} open onClose={onClose}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <p className="hint">{intro}</p>
        {specific}
        <Labelled label={commentLabel} hint={commentRequired ? undefined : t("inbox.act.optional")}>{(id) => (
          <>
            <textarea id={id} rows={3} value={input.comment} required={commentRequired} aria-invalid={invalid("comment")}
                      autoFocus={specific === null} onChange={(e) => set("comment", e.target.value)} />
            {error("comment")}
          </>
        )}</Labelled>
        <FailureNote failure={action.failure} />
        <div className="row inbox-dialog-buttons">
          <button type="submit" className={kind === "close" ? "danger" : "primary"} disabled={action.busy}>{title}</button>
          <button type="button" onClick={onClose}>{t("app.cancel")}</button>
        </div>
      </form>
    </Modal>
  );
}
