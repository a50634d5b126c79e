import { useRef, useState } from "react";
import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction, useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading, Modal, PageHeader, When } from "../app/ui";
import { useCheckedSave } from "./checkedSave";
import { ALL_WORKFLOWS, appForm, appInput, checkApp, grantChoices, grantsText, type AppForm } from "./apps";
import { Confirm, FormActions, Notice, PickList, ProblemNote } from "./widgets";

type AppView = config.AppView;

/** The caller applications: who may call Baton, for which workflows, and their secrets (shown once, when made). */
export function AppsPage() {
  const { t } = useI18n();
  const { api } = useBaton();
  const apps = useLoad(() => api.config(config.CallerApplicationsApi).listApps(), [api]);
  const workflows = useLoad(() => api.config(config.WorkflowsApi).listWorkflows(), [api]);
  const [editing, setEditing] = useState<AppView | "new">();
  const [rotating, setRotating] = useState<AppView>();
  const [secret, setSecret] = useState<{ appId: string; secret: string; created: boolean }>();
  const [notice, setNotice] = useState<string>();
  const rotate = useAction();
  const list = [...(apps.data ?? [])].sort((a, b) => (a.appId ?? "").localeCompare(b.appId ?? ""));
  const workflowName = (key: string) => workflows.data?.find((w) => w.key === key)?.name;
  return (
    <>
      <PageHeader title={t("ops.apps.title")}>
        <Loading when={apps.loading} />
        <button type="button" className="primary" onClick={() => { setNotice(undefined); setEditing("new"); }}>{t("ops.apps.new")}</button>
      </PageHeader>
      <p className="hint">{t("ops.apps.intro")}</p>
      <FailureNote failure={apps.failure ?? workflows.failure} />
      <Notice text={notice} />
      <div className="ops-table-wrap">
        <table className="ops-table">
          <caption>{t("ops.apps.caption", { count: list.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ops.field.appId")}</th>
              <th scope="col">{t("ops.field.name")}</th>
              <th scope="col">{t("ops.apps.kind")}</th>
              <th scope="col">{t("ops.field.active")}</th>
              <th scope="col">{t("ops.apps.grants")}</th>
              <th scope="col">{t("ops.apps.createdAt")}</th>
              <th scope="col"><span className="sr-only">{t("ops.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.appId}>
                <td className="ops-mono">{a.appId}</td>
                <td>{a.name}</td>
                <td>{a.admin ? <span className="badge warn">{t("ops.apps.admin")}</span> : t("ops.apps.caller")}</td>
                <td>{a.active === false ? <span className="badge bad">{t("ops.inactive")}</span> : <span className="badge ended">{t("ops.active")}</span>}</td>
                <td>
                  <ul className="ops-chips" aria-label={t("ops.apps.grantsOf", { what: a.appId ?? "" })}>
                    {grantsText(a.workflows).map((g) => (
                      <li key={g} className="badge" title={workflowName(g)}>{g === ALL_WORKFLOWS ? t("ops.apps.allWorkflows") : g}</li>
                    ))}
                    {!a.workflows?.length && <li className="ops-muted">{t("ops.apps.noGrants")}</li>}
                  </ul>
                </td>
                <td className="ops-nowrap"><When at={a.createdAt} /></td>
                <td>
                  <span className="ops-row-actions">
                    <button type="button" aria-label={t("ops.editWhat", { what: a.appId ?? "" })}
                            onClick={() => { setNotice(undefined); setEditing(a); }}>{t("ops.edit")}</button>
                    <button type="button" aria-label={t("ops.apps.rotateWhat", { what: a.appId ?? "" })}
                            onClick={() => { rotate.clear(); setRotating(a); }}>{t("ops.apps.rotate")}</button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {apps.data && list.length === 0 && <p className="ops-empty">{t("ops.apps.none")}</p>}
      {editing && (
        <AppModal app={editing === "new" ? undefined : editing} apps={list} workflows={workflows.data ?? []}
                  onClose={() => setEditing(undefined)}
                  onSaved={(saved) => {
                    setEditing(undefined);
                    setNotice(t("ops.apps.saved", { what: saved.appId ?? "" }));
                    if (saved.secret) {
                      setSecret({ appId: saved.appId ?? "", secret: saved.secret, created: true });
                    }
                    apps.reload();
                  }} />
      )}
      <Confirm title={t("ops.apps.rotateTitle", { what: rotating?.appId ?? "" })} open={!!rotating} busy={rotate.busy}
               failure={rotate.failure} confirmLabel={t("ops.apps.rotate")} onClose={() => setRotating(undefined)}
               onConfirm={async () => {
                 const app = rotating!;
                 const done = await rotate.run(() => api.config(config.CallerApplicationsApi).rotateSecret({ appId: app.appId! }));
                 if (done) {
                   setRotating(undefined);
                   setSecret({ appId: app.appId ?? "", secret: done.secret ?? "", created: false });
                 }
               }}>
        <p>{t("ops.apps.rotateText")}</p>
      </Confirm>
      {secret && <SecretModal {...secret} onClose={() => setSecret(undefined)} />}
    </>
  );
}

function AppModal({ app, apps, workflows, onClose, onSaved }: {
  app: AppView | undefined; apps: AppView[]; workflows: config.WorkflowSummary[]; onClose(): void; onSaved(app: AppView): void;
}) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [form, setForm] = useState<AppForm>(() => appForm(app));
  const isNew = !app;
  const choices = grantChoices(workflows, form.workflows).map((c) => ({
    value: c.key, label: `${c.name} (${c.key})`, hint: c.known ? undefined : t("ops.apps.unknownWorkflow"),
  }));
  const { problems, save, submit, bad } = useCheckedSave(() => checkApp(form, isNew ? apps.map((a) => a.appId!) : undefined),
    () => api.config(config.CallerApplicationsApi).putApp({ appId: form.appId.trim(), appInput: appInput(form) }), onSaved);
  return (
    <Modal title={isNew ? t("ops.apps.newTitle") : t("ops.apps.editTitle", { what: app.appId ?? "" })} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <div className="ops-form-grid">
          <Labelled label={t("ops.field.appId")} hint={isNew ? t("ops.idHint") : undefined}>{(id) => (
            <input id={id} value={form.appId} disabled={!isNew} autoFocus={isNew} aria-invalid={bad("appId")}
                   onChange={(e) => setForm({ ...form, appId: e.target.value })} />
          )}</Labelled>
          <Labelled label={t("ops.field.name")}>{(id) => (
            <input id={id} value={form.name} autoFocus={!isNew} aria-invalid={bad("name")} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          )}</Labelled>
          <label className="check">
            <input type="checkbox" checked={form.admin} onChange={(e) => setForm({ ...form, admin: e.target.checked })} />
            {t("ops.apps.adminBox")}
          </label>
          <label className="check">
            <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
            {t("ops.apps.activeBox")}
          </label>
          {form.admin && <p className="hint ops-span">{t("ops.apps.adminHint")}</p>}
          <label className="check ops-span">
            <input type="checkbox" checked={form.all} onChange={(e) => setForm({ ...form, all: e.target.checked })} />
            {t("ops.apps.allBox")}
          </label>
          <div className="ops-span">
            <PickList legend={t("ops.apps.grantsLegend")} choices={choices} selected={form.workflows} disabled={form.all}
                      invalid={bad("workflows")} onChange={(list) => setForm({ ...form, workflows: list })}
                      emptyText={t("ops.apps.noWorkflows")} />
          </div>
        </div>
        <ProblemNote problems={problems} />
        <FailureNote failure={save.failure} />
        <FormActions busy={save.busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** A secret shown the one time Baton hands it out, with a copy button. */
function SecretModal({ appId, secret, created, onClose }: { appId: string; secret: string; created: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string>();
  const code = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(t("ops.secret.copied"));
    } catch {
      const range = document.createRange();
      if (code.current) {
        range.selectNodeContents(code.current);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
      setCopied(t("ops.secret.selectToCopy"));
    }
  };
  return (
    <Modal title={t(created ? "ops.secret.createdTitle" : "ops.secret.rotatedTitle", { what: appId })} open onClose={onClose}>
      <div className="ops-secret">
        <strong>{t("ops.secret.warning")}</strong>
        <code ref={code} aria-label={t("ops.secret.label", { what: appId })}>{secret}</code>
        <div className="ops-actions">
          <button type="button" className="primary" onClick={() => void copy()} autoFocus>{t("ops.secret.copy")}</button>
          <button type="button" onClick={onClose}>{t("ops.secret.done")}</button>
        </div>
        <div role="status" aria-live="polite">{copied}</div>
      </div>
    </Modal>
  );
}
