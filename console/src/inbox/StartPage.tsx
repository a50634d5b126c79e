import { useMemo, useRef, useState } from "react";
import { command, config, idempotencyKey } from "@baton/client";
import type { Route } from "../app/router";
import { Link, navigate } from "../app/router";
import { useBaton } from "../app/session";
import { useI18n } from "../app/i18n";
import { useAction, useLoad } from "../app/hooks";
import { FailureNote, Labelled, Loading, PageHeader } from "../app/ui";
import { buildFields, commentProblem, fieldProblems, startForm, titleProblem, type Problem, type Raw } from "./form";
import { checksRequired, keyFor } from "./ticket";
import { FieldInputs, useProblemText } from "./FieldInputs";
import "./inbox.css";

/**
 * Start a ticket: the workflows the user may start here, then the chosen one's start form, generated from its
 * outline (the start state's per-field access decides what shows). The ticket is saved as a draft, or submitted at
 * once along one of the start state's transitions; then its page opens, reading its own write.
 */
export function StartPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const baton = useBaton();
  const chosen = route.query.get("workflow") ?? "";
  const startable = useLoad(() => baton.api.commands(command.WorkflowsApi).startable(), [baton]);
  const workflow = startable.data?.find((w) => w.key === chosen);
  return (
    <>
      <PageHeader title={t("inbox.start.title")}>
        {chosen && <Link to="/start" className="button inbox-button-link">{t("inbox.start.another")}</Link>}
      </PageHeader>
      <Loading when={startable.loading && !startable.data} />
      <FailureNote failure={startable.failure} />
      {!chosen && startable.data && (
        startable.data.length === 0 ? <p>{t("inbox.start.none")}</p> : (
          <section aria-labelledby="inbox-start-pick">
            <h2 id="inbox-start-pick">{t("inbox.start.pick")}</h2>
            <ul className="inbox-workflows">
              {startable.data.map((w) => (
                <li key={w.key} className="card">
                  <Link to="/start" query={{ workflow: w.key }}>{w.name || w.key}</Link>
                  {w.description && <p className="hint">{w.description}</p>}
                  {w.rateLimit?.tickets != null && (
                    <small className="hint">{t("inbox.start.rateLimit", { tickets: w.rateLimit.tickets, hours: w.rateLimit.perHours ?? 1 })}</small>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )
      )}
      {chosen && startable.data && !workflow && <p className="failure" role="alert">{t("inbox.start.notStartable", { key: chosen })}</p>}
      {workflow && <StartForm key={`${workflow.key}:${workflow.version}`} workflowKey={workflow.key!} version={workflow.version} name={workflow.name || workflow.key!} />}
    </>
  );
}

function StartForm({ workflowKey, version, name }: { workflowKey: string; version?: number; name: string }) {
  const { t } = useI18n();
  const baton = useBaton();
  const problemText = useProblemText();
  const outline = useLoad(() => baton.api.config(config.WorkflowsApi).outline({
    key: workflowKey, version: version !== undefined ? String(version) : undefined,
  }), [baton, workflowKey, version]);
  const form = useMemo(() => (outline.data ? startForm(outline.data) : undefined), [outline.data]);
  const [title, setTitle] = useState("");
  const [comment, setComment] = useState("");
  const [raws, setRaws] = useState<Record<string, Raw>>({});
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  const [titleIssue, setTitleIssue] = useState<Problem>();
  const [commentIssue, setCommentIssue] = useState<Problem>();
  const create = useAction();
  const lastKey = useRef<{ body: string; key: string }>(undefined);

  const [edited, setEdited] = useState<string[]>([]);
  const serverErrors = create.failure
    ? Object.fromEntries(Object.entries(fieldProblems(create.failure.errors, create.failure.detail)).filter(([k]) => !edited.includes(k)))
    : {};

  async function send(transition: { key?: string; kind?: string; checkRequiredFields?: boolean } | undefined) {
    if (!form) {
      return;
    }
    const built = buildFields(form.controls, raws, { enforceRequired: checksRequired(transition) });
    const titleP = titleProblem(title);
    const commentP = commentProblem(comment);
    setProblems(built.problems);
    setTitleIssue(titleP);
    setCommentIssue(commentP);
    create.clear();
    setEdited([]);
    if (!built.ok || titleP || commentP) {
      const first = document.querySelector<HTMLElement>(".inbox-start-form [aria-invalid='true']");
      first?.focus();
      return;
    }
    const body: command.CreateTicketRequest = { workflow: workflowKey, title: title.trim(), fields: built.fields };
    if (transition?.key) body.transition = transition.key;
    if (comment.trim()) body.comment = comment.trim();
    lastKey.current = keyFor(lastKey.current, JSON.stringify(body), idempotencyKey);
    const key = lastKey.current.key;
    const result = await create.run(() => baton.api.commands(command.TicketsCreateApi).createTicket({
      createTicketRequest: body, idempotencyKey: key,
    }));
    if (result?.ticketId) {
      navigate(`/tickets/${encodeURIComponent(result.ticketId)}`, { v: result.version !== undefined ? String(result.version) : undefined });
    }
  }

  return (
    <section className="card inbox-start-form" aria-labelledby="inbox-start-form-title">
      <h2 id="inbox-start-form-title">{name}</h2>
      {outline.data?.description && <p className="hint">{outline.data.description}</p>}
      <Loading when={outline.loading && !outline.data} />
      <FailureNote failure={outline.failure} />
      {form && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void send(form.submits[0]); }}>
          <p className="hint">{t("inbox.form.requiredNote")}</p>
          <div className="labelled">
            <span className="inbox-label-row">
              <label htmlFor="inbox-start-title">{t("inbox.start.ticketTitle")}</label>
              <span className="inbox-required" aria-hidden="true"> *</span>
            </span>
            <input id="inbox-start-title" value={title} required maxLength={400} autoFocus aria-invalid={titleIssue ? true : undefined}
                   aria-describedby={titleIssue ? "inbox-start-title-error" : undefined} onChange={(e) => setTitle(e.target.value)} />
            {titleIssue && <small id="inbox-start-title-error" className="inbox-error">{problemText(titleIssue)}</small>}
          </div>
          {form.controls.length === 0 && <p className="hint">{t("inbox.start.noFields")}</p>}
          <div className="inbox-fields-grid">
            <FieldInputs controls={form.controls} raws={raws} problems={problems} serverErrors={serverErrors}
                         onChange={(key, raw) => { setRaws((r) => ({ ...r, [key]: raw })); setEdited((e) => (e.includes(key) ? e : [...e, key])); }} />
          </div>
          <Labelled label={t("inbox.act.comment")} hint={t("inbox.act.optional")}>{(id) => (
            <>
              <textarea id={id} rows={2} value={comment} aria-invalid={commentIssue ? true : undefined}
                        onChange={(e) => setComment(e.target.value)} />
              {commentIssue && <small className="inbox-error">{problemText(commentIssue)}</small>}
            </>
          )}</Labelled>
          <FailureNote failure={create.failure} />
          <div className="row">
            {form.submits.map((s, i) => (
              <button key={s.key} type={i === 0 ? "submit" : "button"} className={s.kind === "REJECT" ? "danger" : "primary"}
                      disabled={create.busy} onClick={i === 0 ? undefined : () => void send(s)}>
                {s.name || s.key}
              </button>
            ))}
            <button type="button" disabled={create.busy} onClick={() => void send(undefined)}>{t("inbox.start.saveDraft")}</button>
            {create.busy && <span role="status" className="loading">{t("inbox.start.creating")}</span>}
          </div>
        </form>
      )}
    </section>
  );
}
