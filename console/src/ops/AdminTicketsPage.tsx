import { useState } from "react";
import { config, query } from "@baton/client";
import { useBaton } from "../app/session";
import { useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading, PageHeader, Pager, When } from "../app/ui";
import { Link, navigate, parseRoute, type Route } from "../app/router";
import { invalid, type Problem } from "./checks";
import { allRequest, checkTicketFilters, STATUSES, ticketFiltersOf, ticketFiltersQuery, type TicketFilters } from "./tickets";
import { ProblemNote } from "./widgets";
import "./ops.css";

const PATH = "/admin/tickets";

/** Every ticket of every workflow, filtered as the address says (`?workflow=&status=...`), a page at a time. */
export function AdminTicketsPage({ route }: { route?: Route }) {
  const { t } = useI18n();
  const current = (route ?? parseRoute(window.location.hash)).query;
  const applied = ticketFiltersOf(current);
  const key = JSON.stringify(applied);
  return (
    <>
      <PageHeader title={t("ops.tickets.title")} />
      <FilterForm key={key} applied={applied} />
      <TicketList key={`list-${key}`} filters={applied} />
    </>
  );
}

function FilterForm({ applied }: { applied: TicketFilters }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [form, setForm] = useState<TicketFilters>(applied);
  const [problems, setProblems] = useState<Problem[]>([]);
  const workflows = useLoad(() => api.config(config.WorkflowsApi).listWorkflows(), [api]);
  const outline = useLoad(async () => (form.workflow
    ? api.config(config.WorkflowsApi).outline({ key: form.workflow }).catch(() => undefined)
    : undefined), [api, form.workflow]);
  const states = outline.data?.states ?? [];
  const apply = () => {
    const found = checkTicketFilters(form);
    setProblems(found);
    if (!found.length) {
      navigate(PATH, ticketFiltersQuery(form));
    }
  };
  const bad = (field: string) => invalid(problems, field) || undefined;
  const published = (workflows.data ?? []).filter((w) => w.latestVersion);
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); apply(); }} aria-label={t("ops.tickets.filters")} noValidate>
      <div className="ops-filters">
        <Labelled label={t("ops.tickets.workflow")}>{(id) => (
          <select id={id} value={form.workflow} onChange={(e) => setForm({ ...form, workflow: e.target.value, state: "" })}>
            <option value="">{t("ops.any")}</option>
            {published.map((w) => <option key={w.key} value={w.key}>{w.name} ({w.key})</option>)}
            {form.workflow && !published.some((w) => w.key === form.workflow) && <option value={form.workflow}>{form.workflow}</option>}
          </select>
        )}</Labelled>
        <Labelled label={t("ops.tickets.state")}>{(id) => states.length ? (
          <select id={id} value={form.state} onChange={(e) => setForm({ ...form, state: e.target.value })}>
            <option value="">{t("ops.any")}</option>
            {states.map((s) => <option key={s.key} value={s.key}>{s.name} ({s.key})</option>)}
            {form.state && !states.some((s) => s.key === form.state) && <option value={form.state}>{form.state}</option>}
          </select>
        ) : (
          <input id={id} type="text" value={form.state} placeholder={t("ops.tickets.stateKey")}
                 onChange={(e) => setForm({ ...form, state: e.target.value })} />
        )}</Labelled>
        <Labelled label={t("ops.tickets.status")}>{(id) => (
          <select id={id} value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
            <option value="">{t("ops.any")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`ops.status.${s}`)}</option>)}
          </select>
        )}</Labelled>
        <Labelled label={t("ops.tickets.from")}>{(id) => (
          <input id={id} type="date" value={form.from} aria-invalid={bad("createdFrom")} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        )}</Labelled>
        <Labelled label={t("ops.tickets.to")}>{(id) => (
          <input id={id} type="date" value={form.to} aria-invalid={bad("createdTo")} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        )}</Labelled>
        <Labelled label={t("ops.tickets.titleFilter")}>{(id) => (
          <input id={id} type="search" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        )}</Labelled>
        <Labelled label={t("ops.tickets.serialNo")}>{(id) => (
          <input id={id} type="search" value={form.serialNo} onChange={(e) => setForm({ ...form, serialNo: e.target.value })} />
        )}</Labelled>
        <div className="ops-actions">
          <button type="submit" className="primary">{t("ops.tickets.apply")}</button>
          <button type="button" onClick={() => navigate(PATH)}>{t("ops.tickets.clear")}</button>
        </div>
      </div>
      <ProblemNote problems={problems} />
      <FailureNote failure={workflows.failure} />
    </form>
  );
}

function TicketList({ filters }: { filters: TicketFilters }) {
  const { t } = useI18n();
  const { api } = useBaton();
  /** The cursors of the pages before this one (the first page has none). */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => api.queries(query.ListsApi).all(allRequest(filters, cursor)), [api, cursor]);
  const items = page.data?.items ?? [];
  return (
    <section aria-label={t("ops.tickets.results")}>
      <Loading when={page.loading} />
      <FailureNote failure={page.failure} />
      <div className="ops-table-wrap">
        <table className="ops-table">
          <caption>{t("ops.tickets.caption", { page: cursors.length, count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ops.tickets.serialNo")}</th>
              <th scope="col">{t("ops.tickets.ticketTitle")}</th>
              <th scope="col">{t("ops.tickets.workflow")}</th>
              <th scope="col">{t("ops.tickets.state")}</th>
              <th scope="col">{t("ops.tickets.status")}</th>
              <th scope="col">{t("ops.tickets.creator")}</th>
              <th scope="col">{t("ops.tickets.created")}</th>
              <th scope="col">{t("ops.tickets.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((ticket) => (
              <tr key={ticket.ticketId}>
                <td className="ops-mono ops-nowrap"><Link to={`/tickets/${ticket.ticketId}`}>{ticket.serialNo ?? ticket.ticketId}</Link></td>
                <td><Link to={`/tickets/${ticket.ticketId}`}>{ticket.title || t("ops.tickets.untitled")}</Link></td>
                <td>{ticket.workflowName ?? ticket.workflowKey}</td>
                <td>{ticket.state?.name ?? ticket.state?.key}</td>
                <td><span className={`badge ${statusClass(ticket.status)}`}>{ticket.status ? t(`ops.status.${ticket.status}`) : "—"}</span></td>
                <td>{ticket.creator}</td>
                <td className="ops-nowrap"><When at={ticket.createdAt} /></td>
                <td className="ops-nowrap"><When at={ticket.updatedAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.data && items.length === 0 && <p className="ops-empty">{t("ops.tickets.none")}</p>}
      <Pager hasPrevious={cursors.length > 1} nextCursor={page.data?.nextCursor ?? undefined}
             onPrevious={() => setCursors((c) => c.slice(0, -1))} onNext={(next) => setCursors((c) => [...c, next])} />
    </section>
  );
}

function statusClass(status: string | undefined): string {
  switch (status) {
    case "FINISHED":
      return "ended";
    case "REJECTED":
    case "DELETED":
      return "bad";
    case "CLOSED":
    case "DRAFT":
      return "warn";
    default:
      return "";
  }
}
