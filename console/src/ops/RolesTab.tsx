import { useState } from "react";
import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Modal } from "../app/ui";
import { useCheckedSave } from "./checkedSave";
import { type Directory, type Role } from "./directoryShared";
import { checkRole, roleHolders, type RoleForm } from "./directory";
import { Confirm, FormActions, Notice, ProblemNote } from "./widgets";

export function RolesTab({ directory, reload }: { directory: Directory; reload(): void }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [editing, setEditing] = useState<Role | "new">();
  const [deleting, setDeleting] = useState<Role>();
  const [notice, setNotice] = useState<string>();
  const remove = useAction();
  const roles = [...directory.roles].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
  return (
    <section aria-label={t("ops.dir.tab.roles")}>
      <div className="ops-filters">
        <div className="page-actions">
          <button type="button" className="primary" onClick={() => { setNotice(undefined); setEditing("new"); }}>{t("ops.roles.new")}</button>
        </div>
      </div>
      <Notice text={notice} />
      <table className="ops-table">
        <caption>{t("ops.roles.caption", { count: roles.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ops.field.id")}</th>
            <th scope="col">{t("ops.field.name")}</th>
            <th scope="col">{t("ops.roles.holders")}</th>
            <th scope="col"><span className="sr-only">{t("ops.actions")}</span></th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => {
            const holders = roleHolders(directory.users, r.id!);
            return (
              <tr key={r.id}>
                <td className="ops-mono">{r.id}</td>
                <td>{r.name}</td>
                <td>{holders.length ? holders.map((u) => u.username).join(", ") : "—"}</td>
                <td>
                  <span className="ops-row-actions">
                    <button type="button" aria-label={t("ops.editWhat", { what: r.name ?? r.id ?? "" })}
                            onClick={() => { setNotice(undefined); setEditing(r); }}>{t("ops.edit")}</button>
                    <button type="button" className="danger" aria-label={t("ops.deleteWhat", { what: r.name ?? r.id ?? "" })}
                            onClick={() => { remove.clear(); setDeleting(r); }}>{t("ops.delete")}</button>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {roles.length === 0 && <p className="ops-empty">{t("ops.roles.none")}</p>}
      {editing && (
        <RoleModal role={editing === "new" ? undefined : editing} roles={directory.roles} onClose={() => setEditing(undefined)}
                   onSaved={(r) => { setEditing(undefined); setNotice(t("ops.roles.saved", { what: r.name ?? r.id ?? "" })); reload(); }} />
      )}
      <Confirm title={t("ops.roles.deleteTitle", { what: deleting?.name ?? "" })} open={!!deleting} busy={remove.busy}
               failure={remove.failure} confirmLabel={t("ops.delete")} onClose={() => setDeleting(undefined)}
               onConfirm={async () => {
                 const gone = deleting!;
                 const done = await remove.run(async () => { await api.config(config.DirectoryApi).deleteRole({ id: gone.id! }); return true; });
                 if (done) {
                   setDeleting(undefined);
                   setNotice(t("ops.roles.deleted", { what: gone.name ?? gone.id ?? "" }));
                   reload();
                 }
               }}>
        <p>{t("ops.roles.deleteText")}</p>
      </Confirm>
    </section>
  );
}

function RoleModal({ role, roles, onClose, onSaved }: { role: Role | undefined; roles: Role[]; onClose(): void; onSaved(role: Role): void }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [form, setForm] = useState<RoleForm>({ id: role?.id ?? "", name: role?.name ?? "" });
  const isNew = !role;
  const { problems, save, submit, bad } = useCheckedSave(() => checkRole(form, isNew ? roles.map((r) => r.id!) : undefined),
    () => api.config(config.DirectoryApi).putRole({ id: form.id.trim(), role: { id: form.id.trim(), name: form.name.trim() } }), onSaved);
  return (
    <Modal title={isNew ? t("ops.roles.newTitle") : t("ops.roles.editTitle", { what: role.name ?? "" })} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <Labelled label={t("ops.field.id")} hint={isNew ? t("ops.idHint") : undefined}>{(id) => (
          <input id={id} value={form.id} disabled={!isNew} autoFocus={isNew} aria-invalid={bad("id")} onChange={(e) => setForm({ ...form, id: e.target.value })} />
        )}</Labelled>
        <Labelled label={t("ops.field.name")}>{(id) => (
          <input id={id} value={form.name} autoFocus={!isNew} aria-invalid={bad("name")} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        )}</Labelled>
        <ProblemNote problems={problems} />
        <FailureNote failure={save.failure} />
        <FormActions busy={save.busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

