import { useEffect, useState } from "react";
import { command, config, query } from "@baton/client";
import type { Route } from "../app/router";
import { Link, navigate } from "../app/router";
import { useBaton } from "../app/session";
import { useI18n } from "../app/i18n";
import { useLoad } from "../app/hooks";
import { FailureNote, Labelled, Loading, PageHeader, Pager, When } from "../app/ui";
import {
  FIRST_PAGE, NO_FILTERS, STATUSES, currentCursor, filtered, filtersOf, filtersProblem, hasPrevious, listRequest,
  nextPage, previousPage, queryOf, statusClass, type Filters, type Pages,
} from "./lists";
import "./inbox.css";

export type ListKind = "todo" | "related" | "created" | "cc";

/**
 * One of the signed-in user's lists: what waits for them (todo), everything they are part of (related), what they
 * created, what was copied to them. The filters live in the route's query, so a link keeps them; `?after=<token>`
 * (set after a command) makes the list wait until it shows that write.
 */
export function ListPage({ kind, route }: { kind: ListKind; route: Route }) {
  const { t } = useI18n();
  const baton = useBaton();
  const filters = filtersOf(route.query);
  const after = route.query.get("after") ?? undefined;
  const filterKey = `${kind}|${JSON.stringify(filters)}`;
  const [paging, setPaging] = useState<{ key: string; pages: Pages }>({ key: filterKey, pages: FIRST_PAGE });
  const pages = paging.key === filterKey ? paging.pages : FIRST_PAGE;
  const cursor = currentCursor(pages);
  const problem = filtersProblem(filters);
  const list = useLoad(async () => {
    if (problem) {
      return { items: [] } as query.TicketPage;
    }
    const api = baton.api.queries(query.ListsApi);
    const request = listRequest(filters, cursor, after);
    switch (kind) {
      case "todo": return api.todo(request);
      case "related": return api.related(request);
      case "created": return api.created(request);
      case "cc": return api.cc(request);
    }
  }, [baton, filterKey, cursor, after]);
  const title = t(`inbox.list.${kind}`);
  useEffect(() => { document.title = `${title} · ${t("app.title")}`; }, [title, t]);
  return (
    <>
      <PageHeader title={title}>
        <button type="button" onClick={list.reload} disabled={list.loading}>{t("inbox.refresh")}</button>
        <Link to="/start" className="button inbox-button-link">{t("app.nav.start")}</Link>
      </PageHeader>
      <p className="hint">{t(`inbox.list.${kind}.hint`)}</p>
      <FilterForm key={filterKey} kind={kind} path={route.path} initial={filters} />
      {problem && <p className="failure" role="alert">{t(problem)}</p>}
      <FailureNote failure={list.failure} />
      <Loading when={list.loading} />
      {list.data && <TicketTable items={list.data.items ?? []} caption={title} filtered={filtered(filters)} />}
      <Pager hasPrevious={hasPrevious(pages)} nextCursor={list.data?.nextCursor ?? undefined}
             onPrevious={() => setPaging({ key: filterKey, pages: previousPage(pages) })}
             onNext={(next) => setPaging({ key: filterKey, pages: nextPage(pages, next) })} />
    </>
  );
}

function FilterForm({ kind, path, initial }: { kind: ListKind; path: string; initial: Filters }) {
  const { t } = useI18n();
  const baton = useBaton();
  const [form, setForm] = useState<Filters>(initial);
  const startable = useLoad(() => baton.api.commands(command.WorkflowsApi).startable().catch(() => []), [baton]);
  const outline = useLoad(() => (form.workflow.trim()
    ? baton.api.config(config.WorkflowsApi).outline({ key: form.workflow.trim() }).catch(() => undefined)
    : Promise.resolve(undefined)), [baton, form.workflow.trim()]);
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const states = outline.data?.states ?? [];
  const listId = `inbox-workflows-${kind}`;
  return (
    <form role="search" aria-label={t("inbox.list.filters")} className="card inbox-filters"
          onSubmit={(e) => { e.preventDefault(); navigate(path, queryOf(form)); }}>
      <Labelled label={t("inbox.list.workflow")}>{(id) => (
        <>
          <input id={id} list={listId} value={form.workflow} placeholder={t("inbox.list.anyWorkflow")}
                 onChange={(e) => setForm((f) => ({ ...f, workflow: e.target.value, state: "" }))} />
          <datalist id={listId}>
            {(startable.data ?? []).map((w) => <option key={w.key} value={w.key}>{w.name}</option>)}
          </datalist>
        </>
      )}</Labelled>
      <Labelled label={t("inbox.list.state")}>{(id) => (states.length > 0 ? (
        <select id={id} value={form.state} onChange={set("state")}>
          <option value="">{t("inbox.list.any")}</option>
          {states.map((s) => <option key={s.key} value={s.key}>{s.name || s.key}</option>)}
        </select>
      ) : (
        <input id={id} value={form.state} onChange={set("state")} disabled={!form.workflow.trim()}
               placeholder={form.workflow.trim() ? t("inbox.list.stateKey") : t("inbox.list.stateNeedsWorkflow")} />
      ))}</Labelled>
      <Labelled label={t("inbox.list.status")}>{(id) => (
        <select id={id} value={form.status} onChange={set("status")}>
          <option value="">{t("inbox.list.any")}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`inbox.status.${s}`)}</option>)}
        </select>
      )}</Labelled>
      <Labelled label={t("inbox.list.from")}>{(id) => <input id={id} type="date" value={form.from} onChange={set("from")} />}</Labelled>
      <Labelled label={t("inbox.list.to")}>{(id) => <input id={id} type="date" value={form.to} onChange={set("to")} />}</Labelled>
      <Labelled label={t("inbox.list.titleFilter")}>{(id) => <input id={id} type="search" value={form.title} onChange={set("title")} />}</Labelled>
      <Labelled label={t("inbox.list.serial")}>{(id) => <input id={id} type="search" value={form.serial} onChange={set("serial")} />}</Labelled>
      <div className="inbox-filter-buttons">
        <button type="submit" className="primary">{t("inbox.list.apply")}</button>
        <button type="button" onClick={() => { setForm(NO_FILTERS); navigate(path); }}>{t("inbox.list.clear")}</button>
      </div>
    </form>
  );
}

/** Tickets as a table: serial, title (to its page), workflow, state, status, creator, who must act, last change. */
export function TicketTable({ items, caption, filtered: isFiltered }: { items: query.TicketSummary[]; caption: string; filtered: boolean }) {
  const { t } = useI18n();
  if (items.length === 0) {
    return <p className="card">{isFiltered ? t("inbox.list.noneFiltered") : t("inbox.list.none")}</p>;
  }
  return (
    <div className="inbox-table-wrap">
      <table aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">{t("inbox.col.serial")}</th>
            <th scope="col">{t("inbox.col.title")}</th>
            <th scope="col">{t("inbox.col.workflow")}</th>
            <th scope="col">{t("inbox.col.state")}</th>
            <th scope="col">{t("inbox.col.status")}</th>
            <th scope="col">{t("inbox.col.creator")}</th>
            <th scope="col">{t("inbox.col.handlers")}</th>
            <th scope="col">{t("inbox.col.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.ticketId}>
              <td className="inbox-nowrap">{item.serialNo}</td>
              <td><Link to={`/tickets/${encodeURIComponent(item.ticketId ?? "")}`}>{item.title || item.ticketId}</Link></td>
              <td>{item.workflowName || item.workflowKey}</td>
              <td>{item.state?.name || item.state?.key}</td>
              <td><span className={statusClass(item.status)}>{t(`inbox.status.${item.status}`)}</span></td>
              <td>{item.creator}</td>
              <td>
                {(item.users ?? []).join(", ") || "—"}
                {item.awaitingAccept && <> <span className="badge warn">{t("inbox.awaitingAccept")}</span></>}
              </td>
              <td className="inbox-nowrap"><When at={item.updatedAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
