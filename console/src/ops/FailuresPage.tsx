import { useState } from "react";
import { notification, query } from "@baton/client";
import { useBaton } from "../app/session";
import { useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Loading, PageHeader, When } from "../app/ui";
import { Link } from "../app/router";
import { failureOf, type Failure } from "../app/problems";
import { deliveryRow, hookRow, parkedRow, projectionRow, retryOutcome, type FailureRow } from "./failures";
import "./ops.css";

const LIMIT = 100;

/**
 * What did not get through and waits for an admin: dead notifications, dead hook calls, events the notification
 * worker and the ticket-query projection parked; each with a retry.
 */
export function FailuresPage() {
  const { t } = useI18n();
  const { api } = useBaton();
  const [round, setRound] = useState(0);
  const status = useLoad(() => api.queries(query.AdminApi).status(), [api, round]);
  return (
    <>
      <PageHeader title={t("ops.fail.title")}>
        <button type="button" onClick={() => setRound((r) => r + 1)}>{t("ops.reload")}</button>
      </PageHeader>
      <p className="hint">{t("ops.fail.intro")}</p>
      <section className="card ops-status" aria-label={t("ops.fail.projection")}>
        <h2>{t("ops.fail.projection")}</h2>
        <Loading when={status.loading} />
        {status.data && (
          <dl>
            <div><dt>{t("ops.fail.running")}</dt><dd>{status.data.running
              ? <span className="badge ended">{t("ops.yes")}</span> : <span className="badge bad">{t("ops.no")}</span>}</dd></div>
            <div><dt>{t("ops.fail.lag")}</dt><dd>{status.data.lag ?? "—"}</dd></div>
            <div><dt>{t("ops.fail.parkedCount")}</dt><dd>{status.data.parked ?? "—"}</dd></div>
          </dl>
        )}
        <FailureNote failure={status.failure} />
      </section>
      <FailureSection title={t("ops.fail.deliveries")} round={round}
                      load={async () => (await api.notifications(notification.DeliveriesApi).deadDeliveries({ limit: LIMIT })).map(deliveryRow)}
                      retry={(id) => api.notifications(notification.DeliveriesApi).retryDelivery({ deliveryId: id })} />
      <FailureSection title={t("ops.fail.hooks")} round={round}
                      load={async () => (await api.notifications(notification.HooksApi).deadHooks()).map(hookRow)}
                      retry={(id) => api.notifications(notification.HooksApi).retryHook({ hookId: id })} />
      <FailureSection title={t("ops.fail.parked")} round={round}
                      load={async () => (await api.notifications(notification.ParkedEventsApi).listParkedEvents({ limit: LIMIT })).map(parkedRow)}
                      retry={(id) => api.notifications(notification.ParkedEventsApi).retryParkedEvent({ id })} />
      <FailureSection title={t("ops.fail.projectionParked")} round={round}
                      load={async () => (await api.queries(query.AdminApi).parked({ limit: LIMIT })).map(projectionRow)}
                      retry={(id) => api.queries(query.AdminApi).retryParkedEvent({ id: Number(id) })}
                      onRetried={() => setRound((r) => r + 1)} />
    </>
  );
}

interface Outcome {
  ok: boolean;
  text?: string;
  failure?: Failure;
}

/** One kind of failure: its rows, each with a retry whose outcome stays on the page after the list re-reads. */
function FailureSection({ title, round, load, retry, onRetried }: {
  title: string; round: number; load(): Promise<FailureRow[]>; retry(id: string): Promise<{ status?: string; outcome?: string }>;
  onRetried?(): void;
}) {
  const { t } = useI18n();
  const rows = useLoad(load, [round]);
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<{ id: string; ticketId?: string } & Outcome>();
  const run = async (row: FailureRow) => {
    setBusy(row.id);
    setOutcome(undefined);
    try {
      const answer = await retry(row.id);
      setOutcome({ id: row.id, ticketId: row.ticketId, ok: true, text: retryOutcome(answer) });
      rows.reload();
      onRetried?.();
    } catch (error) {
      setOutcome({ id: row.id, ticketId: row.ticketId, ok: false, failure: await failureOf(error) });
    } finally {
      setBusy(undefined);
    }
  };
  const list = rows.data ?? [];
  return (
    <section className="ops-section" aria-label={title}>
      <header>
        <h2>{title}</h2>
        {rows.data && <span className={list.length ? "badge warn" : "badge ended"}>{list.length}</span>}
        <Loading when={rows.loading} />
      </header>
      <FailureNote failure={rows.failure} />
      <div role="status" aria-live="polite">
        {outcome?.ok && (
          <div className="success">{t("ops.fail.retried", { id: outcome.id, outcome: outcome.text || t("ops.fail.done") })}</div>
        )}
      </div>
      {outcome && !outcome.ok && (
        <div>
          <p className="ops-muted">{t("ops.fail.retryFailed", { id: outcome.id })}</p>
          <FailureNote failure={outcome.failure} />
        </div>
      )}
      {rows.data && list.length === 0 && <p className="ops-empty">{t("ops.fail.nothing")}</p>}
      {list.length > 0 && (
        <div className="ops-table-wrap">
          <table className="ops-table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{t("ops.fail.ticket")}</th>
                <th scope="col">{t("ops.fail.what")}</th>
                <th scope="col">{t("ops.field.reason")}</th>
                <th scope="col">{t("ops.fail.attempts")}</th>
                <th scope="col">{t("ops.fail.time")}</th>
                <th scope="col"><span className="sr-only">{t("ops.actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((row) => (
                <tr key={row.id}>
                  <td className="ops-mono">{row.ticketId ? <Link to={`/tickets/${row.ticketId}`}>{row.ticketId}</Link> : "—"}</td>
                  <td className="ops-reason">{row.subject || "—"}</td>
                  <td className="ops-reason">{row.reason || "—"}</td>
                  <td>{row.attempts || "—"}</td>
                  <td className="ops-nowrap"><When at={row.at} /></td>
                  <td>
                    <button type="button" disabled={busy !== undefined} onClick={() => void run(row)}
                            aria-label={t("ops.fail.retryWhat", { id: row.id })}>
                      {busy === row.id ? t("ops.fail.retrying") : t("ops.fail.retry")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
