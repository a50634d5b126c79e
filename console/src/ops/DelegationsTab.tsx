import { useState } from "react";
import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction, useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading, Modal, When } from "../app/ui";
import { useCheckedSave } from "./checkedSave";
import { replaceQuery, userLabel, type Directory, type DirectoryUser } from "./directoryShared";
import { checkDelegation, delegationForm, delegationInput, inBatches, mergeDelegations, type DelegationForm } from "./directory";
import { Confirm, FormActions, Notice, PickList, ProblemNote } from "./widgets";

export function DelegationsTab({ directory, query }: { directory: Directory; query: URLSearchParams }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [user, setUserState] = useState(query.get("user") ?? "");
  const [creating, setCreating] = useState(false);
  const [cancelling, setCancelling] = useState<config.Delegation>();
  const [notice, setNotice] = useState<string>();
  const cancel = useAction();
  const workflows = useLoad(() => api.config(config.WorkflowsApi).listWorkflows(), [api]);
  const delegations = useLoad(async () => {
    const d = api.config(config.DelegationsApi);
    if (user) {
      return d.listDelegations({ user });
    }
    const everyone = directory.users.map((u) => u.username!).filter(Boolean);
    return mergeDelegations(await inBatches(everyone, 6, (u) => d.listDelegations({ user: u })));
  }, [api, user, directory.users]);
  const setUser = (next: string) => {
    setUserState(next);
    replaceQuery({ tab: "delegations", user: next });
  };
  const workflowName = (key: string) => workflows.data?.find((w) => w.key === key)?.name ?? key;
  const users = [...directory.users].sort((a, b) => (a.username ?? "").localeCompare(b.username ?? ""));
  const list = delegations.data ?? [];
  return (
    <section aria-label={t("ops.dir.tab.delegations")}>
      <div className="ops-filters">
        <Labelled label={t("ops.deleg.user")}>{(id) => (
          <select id={id} value={user} onChange={(e) => setUser(e.target.value)}>
            <option value="">{t("ops.deleg.everyone")}</option>
            {users.map((u) => <option key={u.username} value={u.username}>{userLabel(u)}</option>)}
          </select>
        )}</Labelled>
        <Loading when={delegations.loading} />
        <div className="page-actions">
          <button type="button" className="primary" onClick={() => { setNotice(undefined); setCreating(true); }}>{t("ops.deleg.new")}</button>
        </div>
      </div>
      <Notice text={notice} />
      <FailureNote failure={delegations.failure ?? workflows.failure} />
      <div className="ops-table-wrap">
        <table className="ops-table">
          <caption>{t("ops.deleg.caption", { count: list.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ops.field.delegator")}</th>
              <th scope="col">{t("ops.field.delegate")}</th>
              <th scope="col">{t("ops.field.workflows")}</th>
              <th scope="col">{t("ops.field.from")}</th>
              <th scope="col">{t("ops.field.until")}</th>
              <th scope="col">{t("ops.field.reason")}</th>
              <th scope="col">{t("ops.deleg.createdBy")}</th>
              <th scope="col"><span className="sr-only">{t("ops.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id}>
                <td>{d.delegator}</td>
                <td>{d.delegate}</td>
                <td>{d.workflows?.length ? d.workflows.map(workflowName).join(", ") : <span className="ops-muted">{t("ops.deleg.allWorkflows")}</span>}</td>
                <td className="ops-nowrap"><When at={d.from} /></td>
                <td className="ops-nowrap"><When at={d.until} /></td>
                <td>{d.reason || "—"}</td>
                <td>{d.createdBy}</td>
                <td>
                  <button type="button" className="danger" aria-label={t("ops.deleg.cancelWhat", { from: d.delegator ?? "", to: d.delegate ?? "" })}
                          onClick={() => { cancel.clear(); setCancelling(d); }}>{t("ops.deleg.cancel")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {delegations.data && list.length === 0 && <p className="ops-empty">{t("ops.deleg.none")}</p>}
      {creating && (
        <DelegationModal users={users} workflows={workflows.data ?? []} delegator={user} onClose={() => setCreating(false)}
                         onSaved={(d) => {
                           setCreating(false);
                           setNotice(t("ops.deleg.created", { from: d.delegator ?? "", to: d.delegate ?? "" }));
                           delegations.reload();
                         }} />
      )}
      <Confirm title={t("ops.deleg.cancelTitle")} open={!!cancelling} busy={cancel.busy} failure={cancel.failure}
               confirmLabel={t("ops.deleg.cancel")} onClose={() => setCancelling(undefined)}
               onConfirm={async () => {
                 const gone = cancelling!;
                 const done = await cancel.run(async () => { await api.config(config.DelegationsApi).cancelDelegation({ id: gone.id! }); return true; });
                 if (done) {
                   setCancelling(undefined);
                   setNotice(t("ops.deleg.cancelled", { from: gone.delegator ?? "", to: gone.delegate ?? "" }));
                   delegations.reload();
                 }
               }}>
        <p>{t("ops.deleg.cancelText", { from: cancelling?.delegator ?? "", to: cancelling?.delegate ?? "" })}</p>
      </Confirm>
    </section>
  );
}

function DelegationModal({ users, workflows, delegator, onClose, onSaved }: {
  users: DirectoryUser[]; workflows: config.WorkflowSummary[]; delegator: string; onClose(): void;
  onSaved(delegation: config.Delegation): void;
}) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [form, setForm] = useState<DelegationForm>(() => delegationForm(delegator));
  const { problems, save, submit, bad } = useCheckedSave(() => checkDelegation(form, new Date()),
    () => api.config(config.DelegationsApi).createDelegation({ delegationInput: delegationInput(form) }), onSaved);
  const active = users.filter((u) => u.active !== false);
  return (
    <Modal title={t("ops.deleg.newTitle")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <div className="ops-form-grid">
          <Labelled label={t("ops.field.delegator")}>{(id) => (
            <select id={id} value={form.delegator} autoFocus aria-invalid={bad("delegator")} onChange={(e) => setForm({ ...form, delegator: e.target.value })}>
              <option value="">{t("ops.choose")}</option>
              {users.map((u) => <option key={u.username} value={u.username}>{userLabel(u)}</option>)}
            </select>
          )}</Labelled>
          <Labelled label={t("ops.field.delegate")}>{(id) => (
            <select id={id} value={form.delegate} aria-invalid={bad("delegate")} onChange={(e) => setForm({ ...form, delegate: e.target.value })}>
              <option value="">{t("ops.choose")}</option>
              {active.filter((u) => u.username !== form.delegator).map((u) => <option key={u.username} value={u.username}>{userLabel(u)}</option>)}
            </select>
          )}</Labelled>
          <Labelled label={t("ops.field.from")} hint={t("ops.deleg.fromHint")}>{(id) => (
            <input id={id} type="datetime-local" value={form.from} aria-invalid={bad("from")} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          )}</Labelled>
          <Labelled label={t("ops.field.until")}>{(id) => (
            <input id={id} type="datetime-local" value={form.until} aria-invalid={bad("until")} onChange={(e) => setForm({ ...form, until: e.target.value })} />
          )}</Labelled>
          <div className="ops-span">
            <PickList legend={t("ops.field.workflows")} selected={form.workflows} onChange={(list) => setForm({ ...form, workflows: list })}
                      choices={workflows.map((w) => ({ value: w.key!, label: w.name ?? w.key!, hint: w.key }))} />
            <p className="hint">{t("ops.deleg.workflowsHint")}</p>
          </div>
          <div className="ops-span">
            <Labelled label={t("ops.field.reason")}>{(id) => (
              <textarea id={id} rows={2} value={form.reason} aria-invalid={bad("reason")} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
            )}</Labelled>
          </div>
        </div>
        <ProblemNote problems={problems} />
        <FailureNote failure={save.failure} />
        <FormActions busy={save.busy} onCancel={onClose} submitLabel={t("ops.deleg.create")} />
      </form>
    </Modal>
  );
}

