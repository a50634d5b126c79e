import { useMemo, useState, type KeyboardEvent } from "react";
import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Modal } from "../app/ui";
import { useCheckedSave } from "./checkedSave";
import { userLabel, type Department, type Directory } from "./directoryShared";
import {
  activeMembers,
  branchIds,
  checkDepartment,
  departmentForm,
  departmentInput,
  departmentTree,
  parentChoices,
  type DepartmentForm,
  type DepartmentNode,
} from "./directory";
import { Confirm, FormActions, Notice, PickList, ProblemNote } from "./widgets";

export function DepartmentsTab({ directory, reload }: { directory: Directory; reload(): void }) {
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

