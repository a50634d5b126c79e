import { useState } from "react";
import { command, config, idempotencyKey, type query } from "@baton/client";
import { useBaton } from "../app/session";
import { useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading, Modal } from "../app/ui";
import type { Failure } from "../app/problems";
import { invalid, type Problem } from "./checks";
import { useCheckedSave } from "./checkedSave";
import { userLabel } from "./directoryShared";
import {
  adminActions, checkMigrate, checkReason, jumpTargets, mappingTargets, migrateRequest, newerVersions, statesToMap,
  written, type AdminAction, type MigrateForm,
} from "./tickets";
import { FormActions, PickList, ProblemNote } from "./widgets";
import "./ops.css";

type Written = { ticketId: string; version: number };

/**
 * An admin's actions on one ticket (reassign, jump, migrate, delete), each in a dialog with a reason; `onDone` gets
 * what the command wrote, so the ticket page can re-read with read-your-writes.
 */
export function AdminTicketActions({ ticket, onDone }: { ticket: query.TicketDetail; onDone(written: Written): void }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [open, setOpen] = useState<AdminAction>();
  const versions = useLoad(() => (ticket.workflowKey
    ? api.config(config.WorkflowsApi).versions({ key: ticket.workflowKey })
    : Promise.resolve([])), [api, ticket.workflowKey]);
  const latest = versions.data?.reduce((max, v) => Math.max(max, v.version ?? 0), 0);
  const available = adminActions(ticket, latest);
  const done = (result: command.CommandResult) => {
    setOpen(undefined);
    onDone(written(result, ticket));
  };
  const props = { ticket, onClose: () => setOpen(undefined), onDone: done };
  return (
    <section className="card" aria-labelledby="ops-admin-actions">
      <h2 id="ops-admin-actions">{t("ops.act.title")}</h2>
      <div className="ops-ticket-actions">
        {available.map((a) => (
          <button key={a} type="button" className={a === "delete" ? "danger" : undefined} onClick={() => setOpen(a)}>
            {t(`ops.act.${a}`)}
          </button>
        ))}
        {available.length === 0 && !versions.loading && <span className="ops-muted">{t("ops.act.none")}</span>}
        <Loading when={versions.loading} />
      </div>
      {open === "reassign" && <ReassignModal {...props} />}
      {open === "jump" && <JumpModal {...props} />}
      {open === "migrate" && <MigrateModal {...props} versions={versions.data ?? []} />}
      {open === "delete" && <DeleteModal {...props} />}
    </section>
  );
}

interface ActionProps {
  ticket: query.TicketDetail;
  onClose(): void;
  onDone(result: command.CommandResult): void;
}

function ReasonField({ value, onChange, problems }: { value: string; onChange(v: string): void; problems: Problem[] }) {
  const { t } = useI18n();
  return (
    <Labelled label={t("ops.act.reason")} hint={t("ops.act.reasonHint")}>{(id) => (
      <textarea id={id} rows={3} value={value} aria-invalid={invalid(problems, "reason") || undefined} onChange={(e) => onChange(e.target.value)} />
    )}</Labelled>
  );
}

/** A refusal, with what to do when the ticket moved on since the page read it (its expectedVersion is stale). */
function ActionFailure({ failure }: { failure: Failure | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <FailureNote failure={failure} />
      {failure?.code === "concurrent-modification" && <p className="hint">{t("ops.act.stale")}</p>}
    </>
  );
}

function TicketLine({ ticket }: { ticket: query.TicketDetail }) {
  const { t } = useI18n();
  return (
    <p className="ops-muted">
      {t("ops.act.ticketLine", {
        serial: ticket.serialNo ?? ticket.ticketId ?? "", state: ticket.state?.name ?? ticket.state?.key ?? "",
        version: ticket.workflowVersion ?? "?",
      })}
    </p>
  );
}

function ReassignModal({ ticket, onClose, onDone }: ActionProps) {
  const { t } = useI18n();
  const { api } = useBaton();
  const users = useLoad(() => api.config(config.DirectoryApi).users({ active: true }), [api]);
  const [to, setTo] = useState<string[]>(() => [...(ticket.assignment?.users ?? [])]);
  const [reason, setReason] = useState("");
  const { problems, save: action, submit } = useCheckedSave(() => checkReason(reason),
    () => api.commands(command.TicketsActApi).reassign({
        id: ticket.ticketId!, idempotencyKey: idempotencyKey(),
        reassignTicketRequest: { to: to.length ? to : undefined, reason: reason.trim() || undefined, expectedVersion: ticket.version },
      }), onDone);
  const known = new Set((users.data ?? []).map((u) => u.username));
  const choices = [
    ...(users.data ?? []).map((u) => ({ value: u.username!, label: userLabel(u) })),
    ...to.filter((u) => !known.has(u)).map((u) => ({ value: u, label: u })),
  ];
  return (
    <Modal title={t("ops.act.reassignTitle")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <TicketLine ticket={ticket} />
        <Loading when={users.loading} />
        <FailureNote failure={users.failure} />
        <PickList legend={t("ops.act.reassignTo")} choices={choices} selected={to} onChange={setTo} />
        <p className="hint">{t("ops.act.reassignHint")}</p>
        <ReasonField value={reason} onChange={setReason} problems={problems} />
        <ProblemNote problems={problems} />
        <ActionFailure failure={action.failure} />
        <FormActions busy={action.busy} onCancel={onClose} submitLabel={t("ops.act.reassign")} />
      </form>
    </Modal>
  );
}

function JumpModal({ ticket, onClose, onDone }: ActionProps) {
  const { t } = useI18n();
  const { api } = useBaton();
  const outline = useLoad(() => api.config(config.WorkflowsApi).outline({
    key: ticket.workflowKey!, version: ticket.workflowVersion === undefined ? undefined : String(ticket.workflowVersion),
  }), [api, ticket.workflowKey, ticket.workflowVersion]);
  const [toState, setToState] = useState("");
  const [reason, setReason] = useState("");
  const targets = jumpTargets(outline.data?.states ?? [], ticket.state?.key);
  const { problems, save: action, submit } = useCheckedSave(() => [...(toState ? [] : [{ field: "toState", message: "ops.check.required" }]), ...checkReason(reason)],
    () => api.commands(command.TicketsActApi).jump({
        id: ticket.ticketId!, idempotencyKey: idempotencyKey(),
        jumpTicketRequest: { toState, reason: reason.trim() || undefined, expectedVersion: ticket.version },
      }), onDone);
  return (
    <Modal title={t("ops.act.jumpTitle")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <TicketLine ticket={ticket} />
        <Loading when={outline.loading} />
        <FailureNote failure={outline.failure} />
        <Labelled label={t("ops.field.toState")} hint={t("ops.act.jumpHint")}>{(id) => (
          <select id={id} value={toState} autoFocus aria-invalid={invalid(problems, "toState") || undefined} onChange={(e) => setToState(e.target.value)}>
            <option value="">{t("ops.choose")}</option>
            {targets.map((s) => <option key={s.key} value={s.key}>{s.name} ({s.key}, {s.type})</option>)}
          </select>
        )}</Labelled>
        <ReasonField value={reason} onChange={setReason} problems={problems} />
        <ProblemNote problems={problems} />
        <ActionFailure failure={action.failure} />
        <FormActions busy={action.busy} onCancel={onClose} submitLabel={t("ops.act.jump")} />
      </form>
    </Modal>
  );
}

function MigrateModal({ ticket, versions, onClose, onDone }: ActionProps & { versions: config.VersionInfo[] }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const newer = newerVersions(versions, ticket.workflowVersion);
  const [form, setForm] = useState<MigrateForm>({ toVersion: newer.length ? String(newer[0]) : "", mapping: {}, reason: "" });
  const outlines = useLoad(async () => {
    if (!form.toVersion) return undefined;
    const workflows = api.config(config.WorkflowsApi);
    const [from, to] = await Promise.all([
      workflows.outline({ key: ticket.workflowKey!, version: String(ticket.workflowVersion) }),
      workflows.outline({ key: ticket.workflowKey!, version: form.toVersion }),
    ]);
    return { from: from.states ?? [], to: to.states ?? [] };
  }, [api, ticket.workflowKey, ticket.workflowVersion, form.toVersion]);
  const needed = outlines.data ? statesToMap(outlines.data.from, outlines.data.to) : [];
  const current = ticket.state?.key ?? "";
  const landing = form.mapping[current] || (outlines.data?.to.some((s) => s.key === current) ? current : "");
  const landingName = outlines.data?.to.find((s) => s.key === landing)?.name ?? landing;
  const checked = useCheckedSave(() => checkMigrate(form, needed),
    () => api.commands(command.TicketsActApi).migrateTicket({
        id: ticket.ticketId!, idempotencyKey: idempotencyKey(),
        migrateTicketRequest: migrateRequest(form, needed, ticket.version),
      }), onDone);
  const { problems, save: action } = checked;
  // the mapping needs both versions' states: nothing is sent before they are read
  const submit = () => (outlines.data ? checked.submit() : Promise.resolve());
  return (
    <Modal title={t("ops.act.migrateTitle")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <TicketLine ticket={ticket} />
        <Labelled label={t("ops.field.toVersion")}>{(id) => (
          <select id={id} value={form.toVersion} autoFocus aria-invalid={invalid(problems, "toVersion") || undefined}
                  onChange={(e) => setForm({ ...form, toVersion: e.target.value, mapping: {} })}>
            {newer.map((v) => <option key={v} value={v}>{t("ops.act.version", { version: v })}</option>)}
          </select>
        )}</Labelled>
        <Loading when={outlines.loading} />
        <FailureNote failure={outlines.failure} />
        {outlines.data && needed.length === 0 && <p className="hint">{t("ops.act.noMapping")}</p>}
        {needed.length > 0 && (
          <fieldset className="ops-picklist">
            <legend>{t("ops.field.mapping")}</legend>
            <p className="hint">{t("ops.act.mappingHint")}</p>
            {needed.map((s) => (
              <Labelled key={s.key} label={t("ops.act.mapState", { state: `${s.name} (${s.key})` })}>{(id) => (
                <select id={id} className="ops-mapping" value={form.mapping[s.key!] ?? ""}
                        aria-invalid={invalid(problems, `mapping.${s.key}`) || undefined}
                        onChange={(e) => setForm({ ...form, mapping: { ...form.mapping, [s.key!]: e.target.value } })}>
                  <option value="">{t("ops.choose")}</option>
                  {mappingTargets(s, outlines.data!.to).map((target) => (
                    <option key={target.key} value={target.key}>{target.name} ({target.key})</option>
                  ))}
                </select>
              )}</Labelled>
            ))}
          </fieldset>
        )}
        {outlines.data && landing && <p>{t("ops.act.landing", { state: landingName })}</p>}
        <ReasonField value={form.reason} onChange={(reason) => setForm({ ...form, reason })} problems={problems} />
        <ProblemNote problems={problems} />
        <ActionFailure failure={action.failure} />
        <FormActions busy={action.busy || !outlines.data} onCancel={onClose} submitLabel={t("ops.act.migrate")} />
      </form>
    </Modal>
  );
}

function DeleteModal({ ticket, onClose, onDone }: ActionProps) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [reason, setReason] = useState("");
  const { problems, save: action, submit } = useCheckedSave(() => checkReason(reason),
    () => api.commands(command.TicketsActApi)._delete({
        id: ticket.ticketId!, idempotencyKey: idempotencyKey(),
        closeTicketRequest: { reason: reason.trim() || undefined, expectedVersion: ticket.version },
      }), onDone);
  return (
    <Modal title={t("ops.act.deleteTitle")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <TicketLine ticket={ticket} />
        <p>{t("ops.act.deleteText")}</p>
        <ReasonField value={reason} onChange={setReason} problems={problems} />
        <ProblemNote problems={problems} />
        <ActionFailure failure={action.failure} />
        <div className="ops-actions">
          <button type="submit" className="danger" aria-disabled={action.busy || undefined}>{t("ops.act.delete")}</button>
          <button type="button" onClick={onClose}>{t("app.cancel")}</button>
        </div>
      </form>
    </Modal>
  );
}
