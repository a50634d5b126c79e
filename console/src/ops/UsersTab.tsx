import { useMemo, useState } from "react";
import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Modal } from "../app/ui";
import { useCheckedSave } from "./checkedSave";
import { names, replaceQuery, userLabel, type Directory, type DirectoryUser } from "./directoryShared";
import {
  checkUser,
  CONTACT_KEYS,
  filterUsers,
  userFilterOf,
  userFilterQuery,
  userForm,
  userInput,
  type UserFilter,
  type UserForm,
} from "./directory";
import { Confirm, FormActions, Notice, PickList, ProblemNote } from "./widgets";

export function UsersTab({ directory, query, reload }: { directory: Directory; query: URLSearchParams; reload(): void }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [filter, setFilterState] = useState<UserFilter>(() => userFilterOf(query));
  const [editing, setEditing] = useState<DirectoryUser | "new">();
  const [deactivating, setDeactivating] = useState<DirectoryUser>();
  const [notice, setNotice] = useState<string>();
  const deactivate = useAction();
  const shown = useMemo(() => filterUsers(directory.users, filter), [directory.users, filter]);
  const setFilter = (next: UserFilter) => {
    setFilterState(next);
    replaceQuery({ tab: "users", ...userFilterQuery(next) });
  };
  const departments = [...directory.departments].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
  return (
    <section aria-label={t("ops.dir.tab.users")}>
      <div className="ops-filters">
        <Labelled label={t("ops.users.department")}>{(id) => (
          <select id={id} value={filter.department} onChange={(e) => setFilter({ ...filter, department: e.target.value })}>
            <option value="">{t("ops.any")}</option>
            {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        )}</Labelled>
        <Labelled label={t("ops.users.role")}>{(id) => (
          <select id={id} value={filter.role} onChange={(e) => setFilter({ ...filter, role: e.target.value })}>
            <option value="">{t("ops.any")}</option>
            {directory.roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        )}</Labelled>
        <Labelled label={t("ops.users.activeFilter")}>{(id) => (
          <select id={id} value={filter.active} onChange={(e) => setFilter({ ...filter, active: e.target.value })}>
            <option value="">{t("ops.any")}</option>
            <option value="yes">{t("ops.users.activeOnly")}</option>
            <option value="no">{t("ops.users.inactiveOnly")}</option>
          </select>
        )}</Labelled>
        <Labelled label={t("ops.users.search")}>{(id) => (
          <input id={id} type="search" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
        )}</Labelled>
        <div className="page-actions">
          <button type="button" className="primary" onClick={() => { setNotice(undefined); setEditing("new"); }}>{t("ops.users.new")}</button>
        </div>
      </div>
      <Notice text={notice} />
      <div className="ops-table-wrap">
        <table className="ops-table">
          <caption>{t("ops.users.caption", { shown: shown.length, total: directory.users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ops.field.username")}</th>
              <th scope="col">{t("ops.field.name")}</th>
              <th scope="col">{t("ops.field.email")}</th>
              <th scope="col">{t("ops.field.departments")}</th>
              <th scope="col">{t("ops.field.roles")}</th>
              <th scope="col">{t("ops.field.active")}</th>
              <th scope="col"><span className="sr-only">{t("ops.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.username}>
                <td className="ops-mono">{u.username}</td>
                <td>{u.name}</td>
                <td>{u.email ?? "—"}</td>
                <td>{names(directory.departments, u.departments) || "—"}</td>
                <td>{names(directory.roles, u.roles) || "—"}</td>
                <td>{u.active === false
                  ? <span className="badge bad">{t("ops.inactive")}</span>
                  : <span className="badge ended">{t("ops.active")}</span>}</td>
                <td>
                  <span className="ops-row-actions">
                    <button type="button" aria-label={t("ops.editWhat", { what: u.username ?? "" })}
                            onClick={() => { setNotice(undefined); setEditing(u); }}>{t("ops.edit")}</button>
                    {u.active !== false && (
                      <button type="button" className="danger" aria-label={t("ops.users.deactivateWhat", { what: u.username ?? "" })}
                              onClick={() => { deactivate.clear(); setDeactivating(u); }}>{t("ops.users.deactivate")}</button>
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p className="ops-empty">{t("ops.users.none")}</p>}
      {editing && (
        <UserModal user={editing === "new" ? undefined : editing} directory={directory} onClose={() => setEditing(undefined)}
                   onSaved={(u) => { setEditing(undefined); setNotice(t("ops.users.saved", { what: u.username ?? "" })); reload(); }} />
      )}
      <Confirm title={t("ops.users.deactivateTitle", { what: deactivating?.username ?? "" })} open={!!deactivating}
               busy={deactivate.busy} failure={deactivate.failure} confirmLabel={t("ops.users.deactivate")}
               onClose={() => setDeactivating(undefined)}
               onConfirm={async () => {
                 const done = await deactivate.run(() => api.config(config.DirectoryApi).deactivateUser({ username: deactivating!.username! }));
                 if (done) {
                   setDeactivating(undefined);
                   setNotice(t("ops.users.deactivated", { what: done.username ?? "" }));
                   reload();
                 }
               }}>
        <p>{t("ops.users.deactivateText", { what: deactivating ? userLabel(deactivating) : "" })}</p>
      </Confirm>
    </section>
  );
}

function UserModal({ user, directory, onClose, onSaved }: {
  user: DirectoryUser | undefined; directory: Directory; onClose(): void; onSaved(user: DirectoryUser): void;
}) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [form, setForm] = useState<UserForm>(() => userForm(user));
  const isNew = !user;
  const { problems, save, submit, bad } = useCheckedSave(() => checkUser(form, isNew ? directory.users.map((u) => u.username!) : undefined),
    () => api.config(config.DirectoryApi).putUser({ username: form.username.trim(), userInput: userInput(form) }), onSaved);
  return (
    <Modal title={isNew ? t("ops.users.newTitle") : t("ops.users.editTitle", { what: user.username ?? "" })} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <div className="ops-form-grid">
          <Labelled label={t("ops.field.username")} hint={isNew ? t("ops.users.usernameHint") : undefined}>{(id) => (
            <input id={id} value={form.username} disabled={!isNew} autoFocus={isNew} aria-invalid={bad("username")}
                   onChange={(e) => setForm({ ...form, username: e.target.value })} />
          )}</Labelled>
          <Labelled label={t("ops.field.name")}>{(id) => (
            <input id={id} value={form.name} autoFocus={!isNew} aria-invalid={bad("name")} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          )}</Labelled>
          <Labelled label={t("ops.field.email")}>{(id) => (
            <input id={id} type="email" value={form.email} aria-invalid={bad("email")} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          )}</Labelled>
          <Labelled label={t("ops.field.channels")} hint={t("ops.users.channelsHint")}>{(id) => (
            <input id={id} value={form.channels} aria-invalid={bad("channels")} onChange={(e) => setForm({ ...form, channels: e.target.value })} />
          )}</Labelled>
          <PickList legend={t("ops.field.departments")} selected={form.departments} onChange={(departments) => setForm({ ...form, departments })}
                    choices={directory.departments.map((d) => ({ value: d.id!, label: d.name ?? d.id!, hint: d.id }))} />
          <PickList legend={t("ops.field.roles")} selected={form.roles} onChange={(roles) => setForm({ ...form, roles })}
                    choices={directory.roles.map((r) => ({ value: r.id!, label: r.name ?? r.id!, hint: r.id }))} emptyText={t("ops.roles.none")} />
          {CONTACT_KEYS.map((k) => (
            <Labelled key={k} label={t(`ops.field.contacts.${k}`)}>{(id) => (
              <input id={id} value={form.contacts[k]} aria-invalid={bad(`contacts.${k}`)}
                     onChange={(e) => setForm({ ...form, contacts: { ...form.contacts, [k]: e.target.value } })} />
            )}</Labelled>
          ))}
          <label className="check ops-span">
            <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
            {t("ops.users.activeBox")}
          </label>
        </div>
        <ProblemNote problems={problems} />
        <FailureNote failure={save.failure} />
        <FormActions busy={save.busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

