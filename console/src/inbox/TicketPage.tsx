import { useEffect, useState } from "react";
import { config, query, token } from "@baton/client";
import type { Route } from "../app/router";
import { Link, navigate } from "../app/router";
import { useBaton } from "../app/session";
import { useI18n } from "../app/i18n";
import { useLoad } from "../app/hooks";
import { FailureNote, Loading, Modal, PageHeader, When } from "../app/ui";
import { WorkflowDiagram, type DiagramState, type DiagramTransition } from "../diagram/WorkflowDiagram";
import { AdminTicketActions } from "../ops/AdminTicketActions";
import { showValue } from "./form";
import { statusClass } from "./lists";
import { detailText, snapshotFields, stepProgress } from "./ticket";
import { TicketActions, type Written } from "./TicketActions";
import "./inbox.css";

type Outline = Awaited<ReturnType<InstanceType<typeof config.WorkflowsApi>["outline"]>>;

/**
 * A ticket as the signed-in user may see it (users and admins alike): its summary, fields, step bar, flow log with
 * each entry's snapshot, the diagram of its workflow version with the current state highlighted, and what the user
 * may do now. After a command the page reads its own write: `?v=<version>` makes every read wait for that version.
 */
export function TicketPage({ ticketId, route }: { ticketId: string; route: Route }) {
  const { t } = useI18n();
  const baton = useBaton();
  const v = route.query.get("v") ?? undefined;
  const minVersion = v && /^\d+$/.test(v) ? v : undefined;
  const reads = baton.api.queries(query.TicketDetailAndHistoryApi);
  const detail = useLoad(() => reads.detail({ id: ticketId, minVersion }), [baton, ticketId, minVersion]);
  const steps = useLoad(() => reads.steps({ id: ticketId, minVersion }), [baton, ticketId, minVersion]);
  const log = useLoad(() => reads.flowLog({ id: ticketId, minVersion }), [baton, ticketId, minVersion]);
  const key = detail.data?.workflowKey;
  const version = detail.data?.workflowVersion;
  const outline = useLoad<Outline | undefined>(() => (key
    ? baton.api.config(config.WorkflowsApi).outline({ key, version: version !== undefined ? String(version) : undefined })
    : Promise.resolve(undefined)), [baton, key, version]);
  const [notice, setNotice] = useState<{ text: string; after: string }>();
  useEffect(() => setNotice(undefined), [ticketId]);
  const ticket = detail.data;
  useEffect(() => {
    if (ticket?.title) document.title = `${ticket.title} · ${t("app.title")}`;
  }, [ticket?.title, t]);

  const written = (w: Written, what?: string) => {
    setNotice({ text: what ? t("inbox.act.done", { what }) : t("inbox.act.doneAdmin"), after: token(w) });
    if (String(w.version) !== minVersion || w.ticketId !== ticketId) {
      navigate(`/tickets/${encodeURIComponent(w.ticketId)}`, { v: String(w.version) });
    } else {
      detail.reload();
      steps.reload();
      log.reload();
    }
  };
  const reloadAll = () => { detail.reload(); steps.reload(); log.reload(); };

  if (!ticket) {
    return (
      <>
        <PageHeader title={t("inbox.ticket.title")} />
        <Loading when={detail.loading} />
        <FailureNote failure={detail.failure} />
      </>
    );
  }
  const current = ticket.state?.key;
  const path = (steps.data?.steps ?? []).filter((s) => s.progress === "PASSED" || s.progress === "CURRENT").map((s) => s.key!);
  return (
    <>
      <PageHeader title={ticket.title || ticket.ticketId || ""}>
        <span className={`${statusClass(ticket.status)} inbox-head-badge`} data-testid="ticket-status">{t(`inbox.status.${ticket.status}`)}</span>
        <button type="button" onClick={reloadAll} disabled={detail.loading}>{t("inbox.refresh")}</button>
      </PageHeader>
      <Loading when={detail.loading} />
      <FailureNote failure={detail.failure} />
      {notice && (
        <p className="success" role="status">
          {notice.text}
          {!baton.identity.admin && <> <Link to="/todo" query={{ after: notice.after }}>{t("inbox.act.backToTodo")}</Link></>}
        </p>
      )}

      <section className="card" aria-labelledby="inbox-act-title">
        <h2 id="inbox-act-title">{t("inbox.ticket.actions")}</h2>
        <TicketActions key={`${ticket.ticketId}:${ticket.version}`} detail={ticket} steps={steps.data}
                       defined={outline.data?.transitions} onWritten={written} />
      </section>
      {baton.identity.admin && <AdminTicketActions ticket={ticket} onDone={(w) => written(w)} />}

      <section className="card" aria-labelledby="inbox-steps-title">
        <h2 id="inbox-steps-title">{t("inbox.ticket.steps")}</h2>
        <FailureNote failure={steps.failure} />
        <StepBar bar={steps.data} status={ticket.status} />
      </section>

      <div className="inbox-two">
        <section className="card" aria-labelledby="inbox-summary-title">
          <h2 id="inbox-summary-title">{t("inbox.ticket.summary")}</h2>
          <Summary ticket={ticket} />
        </section>
        <section className="card" aria-labelledby="inbox-fields-title">
          <h2 id="inbox-fields-title">{t("inbox.ticket.fields")}</h2>
          <FieldsTable fields={ticket.fields ?? []} />
        </section>
      </div>

      <section className="card" aria-labelledby="inbox-log-title">
        <h2 id="inbox-log-title">{t("inbox.ticket.log")}</h2>
        <FailureNote failure={log.failure} />
        <FlowLogTable entries={log.data?.entries ?? []} outline={outline.data} />
      </section>

      <section className="card" aria-labelledby="inbox-diagram-title">
        <h2 id="inbox-diagram-title">{t("inbox.ticket.diagram", { version: version ?? "?" })}</h2>
        <FailureNote failure={outline.failure} />
        {outline.data && (
          <WorkflowDiagram label={t("inbox.ticket.diagramLabel", { name: ticket.workflowName || key || "" })}
                           states={(outline.data.states ?? []).map((s): DiagramState => ({ key: s.key!, name: s.name, type: s.type, order: s.order }))}
                           transitions={(outline.data.transitions ?? []).map((tr): DiagramTransition => ({
                             key: tr.key!, name: tr.name, from: tr.from, to: tr.to, kind: tr.kind,
                             routes: (tr.routes ?? []).map((r) => ({ condition: r.condition, to: r.to })),
                           }))}
                           current={current} path={path} height={320} />
        )}
      </section>
    </>
  );
}

function Summary({ ticket }: { ticket: query.TicketDetail }) {
  const { t } = useI18n();
  const a = ticket.assignment;
  const users = (list: string[] | undefined) => (list && list.length > 0 ? list.join(", ") : "—");
  const onBehalf = Object.entries(a?.onBehalfOf ?? {});
  return (
    <dl className="inbox-dl">
      <dt>{t("inbox.col.serial")}</dt><dd>{ticket.serialNo}</dd>
      <dt>{t("inbox.col.workflow")}</dt><dd>{ticket.workflowName || ticket.workflowKey} <span className="hint">v{ticket.workflowVersion}</span></dd>
      <dt>{t("inbox.col.state")}</dt><dd data-testid="ticket-state">{ticket.state?.name || ticket.state?.key}</dd>
      <dt>{t("inbox.col.status")}</dt><dd><span className={statusClass(ticket.status)}>{t(`inbox.status.${ticket.status}`)}</span></dd>
      <dt>{t("inbox.col.creator")}</dt><dd>{ticket.creator}</dd>
      <dt>{t("inbox.ticket.created")}</dt><dd><When at={ticket.createdAt} /></dd>
      <dt>{t("inbox.col.updated")}</dt><dd><When at={ticket.updatedAt} /></dd>
      <dt>{t("inbox.col.handlers")}</dt>
      <dd>
        {users(a?.users)}
        {a?.awaitingAccept && <> <span className="badge warn">{t("inbox.awaitingAccept")}</span></>}
      </dd>
      {a?.distribution && <><dt>{t("inbox.ticket.distribution")}</dt><dd>{t(`inbox.distribution.${a.distribution}`)}</dd></>}
      {a?.signRequestedBy && <><dt>{t("inbox.ticket.signRequestedBy")}</dt><dd>{a.signRequestedBy}</dd></>}
      {(a?.queue?.length ?? 0) > 0 && <><dt>{t("inbox.ticket.queue")}</dt><dd>{users(a?.queue)}</dd></>}
      {(a?.pool?.length ?? 0) > 0 && <><dt>{t("inbox.ticket.pool")}</dt><dd>{users(a?.pool)}</dd></>}
      {(a?.done?.length ?? 0) > 0 && <><dt>{t("inbox.ticket.doneBy")}</dt><dd>{users(a?.done)}</dd></>}
      {onBehalf.length > 0 && (
        <><dt>{t("inbox.ticket.onBehalfOf")}</dt><dd>{onBehalf.map(([who, whom]) => t("inbox.ticket.forWhom", { who, whom })).join("; ")}</dd></>
      )}
      {ticket.parent?.ticketId && (
        <><dt>{t("inbox.ticket.parent")}</dt>
          <dd><Link to={`/tickets/${encodeURIComponent(ticket.parent.ticketId)}`}>{ticket.parent.serialNo || ticket.parent.ticketId}</Link></dd></>
      )}
      {(ticket.children?.length ?? 0) > 0 && (
        <><dt>{t("inbox.ticket.children")}</dt>
          <dd>
            <ul className="inbox-plain-list">
              {ticket.children!.map((c) => (
                <li key={c.ticketId}>
                  <Link to={`/tickets/${encodeURIComponent(c.ticketId ?? "")}`}>{c.title || c.ticketId}</Link>
                  {" "}<span className="hint">{c.workflowKey}</span>
                  {c.outcome && <> <span className={statusClass(c.outcome)}>{t(`inbox.outcome.${c.outcome}`)}</span></>}
                </li>
              ))}
            </ul>
          </dd></>
      )}
    </dl>
  );
}

function FieldsTable({ fields }: { fields: query.FieldView[] }) {
  const { t, lang } = useI18n();
  const words = { yes: t("inbox.yes"), no: t("inbox.no") };
  if (fields.length === 0) {
    return <p className="hint">{t("inbox.ticket.noFields")}</p>;
  }
  return (
    <table aria-label={t("inbox.ticket.fields")}>
      <thead><tr><th scope="col">{t("inbox.col.field")}</th><th scope="col">{t("inbox.col.value")}</th><th scope="col">{t("inbox.col.access")}</th></tr></thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.key}>
            <th scope="row">{f.label || f.key}</th>
            <td className="inbox-value">{showValue(f.type, f.value, words, lang === "zh" ? "zh-CN" : "en-GB")}</td>
            <td><span className={`inbox-access inbox-access-${f.access}`}>{t(`inbox.access.${f.access}`)}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The steps as an ordered list: each done, current or still to do, said in words as well as colours. */
function StepBar({ bar, status }: { bar: query.StepBar | undefined; status: string | undefined }) {
  const { t } = useI18n();
  if (!bar) {
    return null;
  }
  return (
    <ol className="inbox-steps" aria-label={t("inbox.ticket.steps")}>
      {(bar.steps ?? []).map((s) => {
        const progress = stepProgress(s.progress, status);
        const last = s.entries?.[s.entries.length - 1];
        return (
          <li key={s.key} className={`inbox-step inbox-step-${progress}`} data-progress={progress}
              aria-current={progress === "current" ? "step" : undefined}>
            <span className="inbox-step-mark" aria-hidden="true">{progress === "done" ? "✓" : progress === "current" ? "●" : "○"}</span>
            <span className="inbox-step-name">{s.name || s.key}</span>
            <span className="inbox-step-progress">{t(`inbox.step.${progress}`)}</span>
            {last?.actor && <span className="inbox-step-who">{last.actor}</span>}
          </li>
        );
      })}
    </ol>
  );
}

function actionName(t: (key: string, vars?: Record<string, string | number>) => string, action: string | undefined) {
  const key = `inbox.action.${action}`;
  const text = t(key);
  return text === key ? action ?? "" : text;
}

/** Where an entry moved the ticket: "From → To", or the one state when it stayed. */
function fromTo(e: query.FlowLogItem): string {
  const name = (s: query.StateRef | undefined) => s?.name ?? s?.key;
  const from = name(e.fromState);
  const to = name(e.toState);
  if (!from && !to) {
    return "—";
  }
  return from && to && e.fromState?.key === e.toState?.key ? to : `${from ?? "—"} → ${to ?? "—"}`;
}

function FlowLogTable({ entries, outline }: { entries: query.FlowLogItem[]; outline: Outline | undefined }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<query.FlowLogItem>();
  const labels = Object.fromEntries((outline?.fields ?? []).map((f) => [f.key ?? "", f.label || f.key || ""]));
  if (entries.length === 0) {
    return <p className="hint">{t("inbox.ticket.noLog")}</p>;
  }
  return (
    <>
      <div className="inbox-table-wrap">
        <table aria-label={t("inbox.ticket.log")} className="inbox-log">
          <thead>
            <tr>
              <th scope="col">{t("inbox.col.time")}</th>
              <th scope="col">{t("inbox.col.actor")}</th>
              <th scope="col">{t("inbox.col.action")}</th>
              <th scope="col">{t("inbox.col.fromTo")}</th>
              <th scope="col">{t("inbox.col.comment")}</th>
              <th scope="col">{t("inbox.col.snapshot")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td className="inbox-nowrap"><When at={e.at} /></td>
                <td>{e.actor}</td>
                <td>
                  {actionName(t, e.action)}{e.transition?.name ? `: ${e.transition.name}` : ""}
                  {typeof e.details?.agree === "boolean" && <> ({e.details.agree ? t("inbox.act.agree") : t("inbox.act.object")})</>}
                  {detailText(e.action, e.details, labels).map((part, i) => <div key={i} className="inbox-detail">{part}</div>)}
                </td>
                <td>{fromTo(e)}</td>
                <td className="inbox-value">{e.comment || ""}</td>
                <td>
                  {e.snapshot && (
                    <button type="button" className="link" onClick={() => setOpen(e)}
                            aria-label={t("inbox.ticket.snapshotOf", { n: (e.seq ?? 0) + 1, action: actionName(t, e.action) })}>
                      {t("inbox.ticket.view")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open?.snapshot && (
        <Modal title={t("inbox.ticket.snapshotTitle", { n: (open.seq ?? 0) + 1 })} open onClose={() => setOpen(undefined)}>
          <SnapshotView item={open} outline={outline} />
          <div className="row inbox-dialog-buttons"><button type="button" autoFocus onClick={() => setOpen(undefined)}>{t("app.close")}</button></div>
        </Modal>
      )}
    </>
  );
}

function SnapshotView({ item, outline }: { item: query.FlowLogItem; outline: Outline | undefined }) {
  const { t, lang } = useI18n();
  const s = item.snapshot!;
  const words = { yes: t("inbox.yes"), no: t("inbox.no") };
  const fields = snapshotFields(s.fields, outline?.fields);
  return (
    <>
      <p className="hint">{t("inbox.ticket.asOf")} <When at={item.at} /> · {actionName(t, item.action)} · {item.actor}</p>
      <dl className="inbox-dl">
        <dt>{t("inbox.col.title")}</dt><dd>{s.title}</dd>
        <dt>{t("inbox.col.state")}</dt><dd>{s.state?.name || s.state?.key}</dd>
        <dt>{t("inbox.col.status")}</dt><dd><span className={statusClass(s.status)}>{t(`inbox.status.${s.status}`)}</span></dd>
        <dt>{t("inbox.col.handlers")}</dt>
        <dd>{(s.assignment?.users ?? []).join(", ") || "—"}
          {s.assignment?.awaitingAccept && <> <span className="badge warn">{t("inbox.awaitingAccept")}</span></>}</dd>
        <dt>{t("inbox.ticket.version")}</dt><dd>{s.version}</dd>
      </dl>
      <h3>{t("inbox.ticket.fields")}</h3>
      {fields.length === 0 ? <p className="hint">{t("inbox.ticket.noFields")}</p> : (
        <table aria-label={t("inbox.ticket.fields")}>
          <thead><tr><th scope="col">{t("inbox.col.field")}</th><th scope="col">{t("inbox.col.value")}</th></tr></thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.key}><th scope="row">{f.label}</th><td className="inbox-value">{showValue(f.type, f.value, words, lang === "zh" ? "zh-CN" : "en-GB")}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
