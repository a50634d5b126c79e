import { useMemo, useState, type KeyboardEvent } from "react";
import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction, useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading, Modal, PageHeader, When } from "../app/ui";
import { href, Link, parseRoute, type Route } from "../app/router";
import { useCheckedSave } from "./checkedSave";
import {
  activeMembers, branchIds, checkDelegation, checkDepartment, checkRole, checkUser, CONTACT_KEYS, delegationForm,
  delegationInput, departmentForm, departmentInput, departmentTree, DIRECTORY_TABS, directoryTab, filterUsers,
  inBatches, mergeDelegations, parentChoices, roleHolders, userFilterOf, userFilterQuery, userForm, userInput,
  type DelegationForm, type DepartmentForm, type DepartmentNode, type RoleForm, type UserFilter, type UserForm,
} from "./directory";
import { Confirm, FormActions, Notice, PickList, ProblemNote } from "./widgets";

type DirectoryUser = config.DirectoryUser;
type Department = config.Department;
type Role = config.Role;

interface Directory {
  users: DirectoryUser[];
  departments: Department[];
  roles: Role[];
}

const PATH = "/admin/directory";

/** Keeps the page's filters in its address without a history entry per keystroke. */
function replaceQuery(query: Record<string, string | undefined>) {
  window.location.replace(href(PATH, query));
}

/** The directory: users, departments, roles and delegations, one tab each (`?tab=`), read once and filtered here. */
export function DirectoryPage({ route }: { route?: Route }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const query = (route ?? parseRoute(window.location.hash)).query;
  const tab = directoryTab(query.get("tab"));
  const directory = useLoad<Directory>(async () => {
    const d = api.config(config.DirectoryApi);
    const [users, departments, roles] = await Promise.all([d.users(), d.departments(), d.roles()]);
    return { users, departments, roles };
  }, [api]);
  return (
    <>
      <PageHeader title={t("ops.dir.title")}><Loading when={directory.loading} /></PageHeader>
      <nav className="ops-tabs" aria-label={t("ops.dir.sections")}>
        <ul>
          {DIRECTORY_TABS.map((k) => (
            <li key={k}>
              <Link to={PATH} query={{ tab: k }} aria-current={k === tab ? "page" : undefined}>{t(`ops.dir.tab.${k}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <FailureNote failure={directory.failure} />
      {directory.data && tab === "users" && <UsersTab directory={directory.data} query={query} reload={directory.reload} />}
      {directory.data && tab === "departments" && <DepartmentsTab directory={directory.data} reload={directory.reload} />}
      {directory.data && tab === "roles" && <RolesTab directory={directory.data} reload={directory.reload} />}
      {directory.data && tab === "delegations" && <DelegationsTab directory={directory.data} query={query} />}
    </>
  );
}

function names<T extends { id?: string; name?: string }>(list: T[], ids: string[] | undefined): string {
  return (ids ?? []).map((id) => list.find((x) => x.id === id)?.name ?? id).join(", ");
}

function userLabel(u: DirectoryUser): string {
  return u.name && u.name !== u.username ? `${u.name} (${u.username})` : u.username ?? "";
}

// users

function UsersTab({ directory, query, reload }: { directory: Directory; query: URLSearchParams; reload(): void }) {
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

// departments

function DepartmentsTab({ directory, reload }: { directory: Directory; reload(): void }) {
  const { t } = useI18n();
  const { api } = useBaton();
  const forest = useMemo(() => departmentTree(directory.departments), [directory.departments]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(forest.map((n) => n.department.id!)));
  const [editing, setEditing] = useState<{ department?: Department; parentId?: string }>();
  const [deleting, setDeleting] = useState<Department>();
  const [notice, setNotice] = useState<string>();
  const remove = useAction();
  const toggle = (id: string, open: boolean) => setExpanded((s) => {
    const next = new Set(s);
    if (open) next.add(id); else next.delete(id);
    return next;
  });
  const byId = (id: string | undefined) => directory.users.find((u) => u.username === id);
  const person = (id: string | undefined) => (id ? userLabel(byId(id) ?? { username: id }) : "—");

  const node = (n: DepartmentNode) => {
    const d = n.department;
    const id = d.id!;
    const open = expanded.has(id);
    const members = activeMembers(directory.users, id).length;
    const keys = (e: KeyboardEvent) => {
      if (e.key === "ArrowRight" && !open) { e.preventDefault(); toggle(id, true); }
      if (e.key === "ArrowLeft" && open) { e.preventDefault(); toggle(id, false); }
    };
    return (
      <li key={id}>
        <div className="ops-tree-node">
          {n.children.length > 0 ? (
            <button type="button" className="link ops-tree-name" aria-expanded={open} aria-controls={`ops-dept-${id}`}
                    onClick={() => toggle(id, !open)} onKeyDown={keys}>
              <span aria-hidden="true">{open ? "▾ " : "▸ "}</span>{d.name}
            </button>
          ) : (
            <span className="ops-tree-name"><span className="ops-tree-spacer" aria-hidden="true" />{d.name}</span>
          )}
          <span className="ops-mono ops-muted">{id}</span>
          <span className="ops-tree-meta">
            {t("ops.dept.leaderIs", { who: person(d.leader) })}
            {" · "}{t("ops.dept.approversAre", { who: (d.approvers ?? []).map(person).join(", ") || "—" })}
            {" · "}{t("ops.dept.memberCount", { count: members })}
          </span>
          <span className="ops-row-actions">
            <button type="button" aria-label={t("ops.dept.addChildTo", { what: d.name ?? id })}
                    onClick={() => { setNotice(undefined); setEditing({ parentId: id }); }}>{t("ops.dept.addChild")}</button>
            <button type="button" aria-label={t("ops.editWhat", { what: d.name ?? id })}
                    onClick={() => { setNotice(undefined); setEditing({ department: d }); }}>{t("ops.edit")}</button>
            <button type="button" className="danger" aria-label={t("ops.deleteWhat", { what: d.name ?? id })}
                    onClick={() => { remove.clear(); setDeleting(d); }}>{t("ops.delete")}</button>
          </span>
        </div>
        {n.children.length > 0 && open && <ul id={`ops-dept-${id}`}>{n.children.map(node)}</ul>}
      </li>
    );
  };

  return (
    <section aria-label={t("ops.dir.tab.departments")}>
      <div className="ops-filters">
        <button type="button" onClick={() => setExpanded(new Set(branchIds(forest)))}>{t("ops.dept.expandAll")}</button>
        <button type="button" onClick={() => setExpanded(new Set())}>{t("ops.dept.collapseAll")}</button>
        <div className="page-actions">
          <button type="button" className="primary" onClick={() => { setNotice(undefined); setEditing({}); }}>{t("ops.dept.new")}</button>
        </div>
      </div>
      <Notice text={notice} />
      <div className="card">
        {forest.length ? <ul className="ops-tree" aria-label={t("ops.dept.tree")}>{forest.map(node)}</ul>
          : <p className="ops-empty">{t("ops.dept.none")}</p>}
      </div>
      {editing && (
        <DepartmentModal department={editing.department} parentId={editing.parentId} directory={directory}
                         onClose={() => setEditing(undefined)}
                         onSaved={(d) => {
                           setEditing(undefined);
                           setNotice(t("ops.dept.saved", { what: d.name ?? d.id ?? "" }));
                           if (d.parentId) toggle(d.parentId, true);
                           reload();
                         }} />
      )}
      <Confirm title={t("ops.dept.deleteTitle", { what: deleting?.name ?? "" })} open={!!deleting} busy={remove.busy}
               failure={remove.failure} confirmLabel={t("ops.delete")} onClose={() => setDeleting(undefined)}
               onConfirm={async () => {
                 const gone = deleting!;
                 const done = await remove.run(async () => { await api.config(config.DirectoryApi).deleteDepartment({ id: gone.id! }); return true; });
                 if (done) {
                   setDeleting(undefined);
                   setNotice(t("ops.dept.deleted", { what: gone.name ?? gone.id ?? "" }));
                   reload();
                 }
               }}>
        <p>{t("ops.dept.deleteText")}</p>
      </Confirm>
    </section>
  );
}

function DepartmentModal({ department, parentId, directory, onClose, onSaved }: {
  department: Department | undefined; parentId: string | undefined; directory: Directory; onClose(): void;
  onSaved(department: Department): void;
}) {
  const { t } = useI18n();
  const { api } = useBaton();
  const [form, setForm] = useState<DepartmentForm>(() => departmentForm(department, parentId));
  const isNew = !department;
  const parents = parentChoices(directory.departments, department?.id);
  const people = directory.users.filter((u) => u.active !== false || u.username === form.leader || form.approvers.includes(u.username!));
  const { problems, save, submit, bad } = useCheckedSave(() => checkDepartment(form, isNew ? directory.departments.map((d) => d.id!) : undefined),
    () => api.config(config.DirectoryApi).putDepartment({ id: form.id.trim(), departmentInput: departmentInput(form) }), onSaved);
  return (
    <Modal title={isNew ? t("ops.dept.newTitle") : t("ops.dept.editTitle", { what: department.name ?? "" })} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <div className="ops-form-grid">
          <Labelled label={t("ops.field.id")} hint={isNew ? t("ops.idHint") : undefined}>{(id) => (
            <input id={id} value={form.id} disabled={!isNew} autoFocus={isNew} aria-invalid={bad("id")} onChange={(e) => setForm({ ...form, id: e.target.value })} />
          )}</Labelled>
          <Labelled label={t("ops.field.name")}>{(id) => (
            <input id={id} value={form.name} autoFocus={!isNew} aria-invalid={bad("name")} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          )}</Labelled>
          <Labelled label={t("ops.field.parentId")}>{(id) => (
            <select id={id} value={form.parentId} aria-invalid={bad("parentId")} onChange={(e) => setForm({ ...form, parentId: e.target.value })}>
              <option value="">{t("ops.dept.noParent")}</option>
              {parents.map((d) => <option key={d.id} value={d.id}>{d.name} ({d.id})</option>)}
            </select>
          )}</Labelled>
          <Labelled label={t("ops.field.leader")}>{(id) => (
            <select id={id} value={form.leader} aria-invalid={bad("leader")} onChange={(e) => setForm({ ...form, leader: e.target.value })}>
              <option value="">{t("ops.none")}</option>
              {people.map((u) => <option key={u.username} value={u.username}>{userLabel(u)}</option>)}
            </select>
          )}</Labelled>
          <div className="ops-span">
            <PickList legend={t("ops.field.approvers")} selected={form.approvers} onChange={(approvers) => setForm({ ...form, approvers })}
                      choices={people.map((u) => ({ value: u.username!, label: userLabel(u) }))} />
          </div>
        </div>
        <ProblemNote problems={problems} />
        <FailureNote failure={save.failure} />
        <FormActions busy={save.busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

// roles

function RolesTab({ directory, reload }: { directory: Directory; reload(): void }) {
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

// delegations

function DelegationsTab({ directory, query }: { directory: Directory; query: URLSearchParams }) {
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
