import { useState, type ReactNode } from "react";
import { useI18n } from "../app/i18n";
import { Labelled } from "../app/ui";
import type { Selection } from "../diagram/types";
import {
  COUNTERSIGN_POLICIES, deleteField, DISTRIBUTIONS, ESCALATION_KINDS, EVENT_KINDS, FALLBACK_KINDS, FIELD_ACCESS, FIELD_TYPES,
  HOOK_MODES, keyProblem, NOTIFICATION_KINDS, PARTICIPANT_KINDS, renameField, renameState, renameTransition, setIn, STATE_TYPES,
  stateKeys, TRANSITION_KINDS, transitionKeys, transitionsFrom, type Definition, type Problem, type StateDef, type TransitionDef,
} from "./model";
import { CheckInput, Group, KeyInput, ListInput, MapInput, NumberInput, SelectInput, TextInput, type Choice } from "./fields";

type Apply = (next: Definition) => void;
const raw = (values: readonly string[]): Choice[] => values.map((v) => ({ value: v, label: v }));

function ProblemList({ problems }: { problems: string[] }) {
  const { t } = useI18n();
  if (problems.length === 0) {
    return null;
  }
  return (
    <div className="failure designer-element-problems" role="group" aria-label={t("designer.problems.ofElement")}>
      <strong>{t("designer.problems.ofElement")}</strong>
      <ul>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
    </div>
  );
}

const VALUE_HINTS: Record<string, string> = {
  USER: "designer.rule.hint.user", USERS: "designer.rule.hint.users", DEPARTMENT: "designer.rule.hint.departments",
  DEPARTMENT_MEMBERS: "designer.rule.hint.departments", ROLE: "designer.rule.hint.roles", ROLE_IN_DEPARTMENT: "designer.rule.hint.roleInDepartment",
  FIELD: "designer.rule.hint.field", HANDLER_OF: "designer.rule.hint.handlerOf", EXTERNAL: "designer.rule.hint.external",
};
const RELATIVE = new Set(["LEADER", "SKIP_LEVEL_LEADER", "ANCESTOR_LEADER", "DEPARTMENT_LEADER", "PARENT_DEPARTMENT_LEADER",
  "DEPARTMENT_APPROVERS", "ROLE_IN_DEPARTMENT"]);

export function StateInspector({ definition, state, problems, apply, onSelect, onDelete }: {
  definition: Definition; state: StateDef; problems: string[]; apply: Apply; onSelect(s: Selection | undefined): void; onDelete(): void;
}) {
  const { t } = useI18n();
  const key = state.key ?? "";
  const set = (path: (string | number)[], value: unknown) =>
    apply({ ...definition, states: (definition.states ?? []).map((s) => (s === state ? setIn(s, path, value) : s)) });
  const outgoing: Choice[] = transitionsFrom(definition, key).map((x) => ({ value: x.key ?? "", label: `${x.name || x.key} (${x.key})` }));
  const rule = state.participants;
  const fields = definition.fields ?? [];
  const children = state.children?.tickets ?? [];
  return (
    <div className="designer-form">
      <h3>{t("designer.inspector.state", { name: state.name || key })}</h3>
      <ProblemList problems={problems} />
      <div className="grid-2">
        <KeyInput label={t("designer.form.key")} value={key} taken={stateKeys(definition)}
          onCommit={(next) => { apply(renameState(definition, key, next)); onSelect({ element: "state", key: next }); }} />
        <TextInput label={t("designer.form.name")} value={state.name} onChange={(v) => set(["name"], v)} />
        <SelectInput label={t("designer.form.type")} value={state.type} onChange={(v) => set(["type"], v)}
          choices={STATE_TYPES.map((v) => ({ value: v, label: t(`designer.type.${v}`) }))} blank="" />
        <NumberInput label={t("designer.form.order")} value={state.order} onChange={(v) => set(["order"], v)} hint={t("designer.form.orderHint")} />
      </div>
      <CheckInput label={t("designer.form.withdrawable")} checked={state.withdrawable} onChange={(v) => set(["withdrawable"], v)} />
      <CheckInput label={t("designer.form.hidden")} checked={state.hidden} onChange={(v) => set(["hidden"], v)} />

      <Group title={t("designer.group.participants")} open>
        <SelectInput label={t("designer.rule.kind")} value={rule?.kind} blank={t("designer.form.none")} choices={raw(PARTICIPANT_KINDS)}
          onChange={(v) => set(["participants", "kind"], v)} />
        {rule?.kind && <>
          <ListInput label={t("designer.rule.values")} value={rule.values} onChange={(v) => set(["participants", "values"], v)}
            hint={VALUE_HINTS[rule.kind] ? t(VALUE_HINTS[rule.kind]) : t("designer.rule.hint.none")} />
          {RELATIVE.has(rule.kind) && (
            <TextInput label={t("designer.rule.of")} value={rule.of} onChange={(v) => set(["participants", "of"], v)} hint={t("designer.rule.ofHint")} />
          )}
          {rule.kind === "ANCESTOR_LEADER" && (
            <NumberInput label={t("designer.rule.level")} value={rule.level} onChange={(v) => set(["participants", "level"], v)} />
          )}
          {rule.kind === "EXTERNAL" && (
            <NumberInput label={t("designer.rule.timeoutSeconds")} value={rule.timeoutSeconds} hint={t("designer.rule.timeoutHint")}
              onChange={(v) => set(["participants", "timeoutSeconds"], v)} />
          )}
        </>}
        <SelectInput label={t("designer.form.distribution")} value={state.distribution} blank={t("designer.form.default", { value: "ANY_ONE" })}
          choices={raw(DISTRIBUTIONS)} onChange={(v) => set(["distribution"], v)} />
      </Group>

      <Group title={t("designer.group.countersign")} count={state.countersign ? 1 : 0}>
        <p className="hint">{t("designer.countersign.hint")}</p>
        <SelectInput label={t("designer.countersign.policy")} value={state.countersign?.policy} blank={t("designer.form.none")}
          choices={raw(COUNTERSIGN_POLICIES)} onChange={(v) => set(["countersign", "policy"], v)} />
        <div className="grid-2">
          <NumberInput label={t("designer.countersign.quorum")} value={state.countersign?.quorum} onChange={(v) => set(["countersign", "quorum"], v)} />
          <NumberInput label={t("designer.countersign.quorumPercent")} value={state.countersign?.quorumPercent}
            onChange={(v) => set(["countersign", "quorumPercent"], v)} />
        </div>
      </Group>

      <Group title={t("designer.group.fallback")} count={state.fallback ? 1 : 0}>
        <SelectInput label={t("designer.fallback.kind")} value={state.fallback?.kind} blank={t("designer.form.default", { value: "REFUSE" })}
          choices={raw(FALLBACK_KINDS)} onChange={(v) => set(["fallback", "kind"], v)} />
        {state.fallback?.kind === "USER" && (
          <TextInput label={t("designer.fallback.user")} value={state.fallback.user} onChange={(v) => set(["fallback", "user"], v)} />
        )}
      </Group>

      <Group title={t("designer.group.access")} open={fields.length > 0} count={Object.keys(state.fields ?? {}).length}>
        {fields.length === 0 && <p className="hint">{t("designer.access.noFields")}</p>}
        {fields.map((f) => (
          <SelectInput key={f.key} label={t("designer.access.field", { label: f.label || f.key || "", key: f.key ?? "" })}
            value={state.fields?.[f.key ?? ""]} blank={t("designer.access.unlisted")}
            choices={FIELD_ACCESS.map((v) => ({ value: v, label: t(`designer.access.${v}`) }))}
            onChange={(v) => set(["fields", f.key ?? ""], v)} />
        ))}
      </Group>

      <Group title={t("designer.group.timers")} count={state.timers ? 1 : 0}>
        <p className="hint">{t("designer.timers.hint")}</p>
        <h4>{t("designer.timers.timeout")}</h4>
        <div className="grid-2">
          <TextInput label={t("designer.timers.after")} value={state.timers?.timeout?.after} placeholder="P2D"
            onChange={(v) => set(["timers", "timeout", "after"], v)} />
          <SelectInput label={t("designer.timers.transition")} value={state.timers?.timeout?.transition} blank={t("designer.form.none")}
            choices={outgoing} onChange={(v) => set(["timers", "timeout", "transition"], v)} />
        </div>
        <h4>{t("designer.timers.reminders")}</h4>
        <div className="grid-2">
          <TextInput label={t("designer.timers.first")} value={state.timers?.reminders?.first} placeholder="PT4H"
            onChange={(v) => set(["timers", "reminders", "first"], v)} />
          <TextInput label={t("designer.timers.every")} value={state.timers?.reminders?.every} placeholder="PT8H"
            onChange={(v) => set(["timers", "reminders", "every"], v)} />
          <NumberInput label={t("designer.timers.times")} value={state.timers?.reminders?.times}
            onChange={(v) => set(["timers", "reminders", "times"], v)} />
        </div>
        <h4>{t("designer.timers.sla")}</h4>
        <div className="grid-2">
          <TextInput label={t("designer.timers.within")} value={state.timers?.sla?.within} placeholder="P1D"
            onChange={(v) => set(["timers", "sla", "within"], v)} />
          <SelectInput label={t("designer.timers.escalation")} value={state.timers?.sla?.escalation?.kind} blank={t("designer.form.none")}
            choices={raw(ESCALATION_KINDS)} onChange={(v) => set(["timers", "sla", "escalation", "kind"], v)} />
        </div>
        <ListInput label={t("designer.timers.escalationUsers")} value={state.timers?.sla?.escalation?.users}
          onChange={(v) => set(["timers", "sla", "escalation", "users"], v)} />
      </Group>

      <Group title={t("designer.group.hook")} count={state.hook ? 1 : 0}>
        <p className="hint">{t("designer.hook.hint")}</p>
        <TextInput label={t("designer.hook.url")} value={state.hook?.url} placeholder="https://" onChange={(v) => set(["hook", "url"], v)} />
        <div className="grid-2">
          <SelectInput label={t("designer.hook.mode")} value={state.hook?.mode} blank={t("designer.form.none")} choices={raw(HOOK_MODES)}
            onChange={(v) => set(["hook", "mode"], v)} />
          <TextInput label={t("designer.hook.secret")} value={state.hook?.secret} onChange={(v) => set(["hook", "secret"], v)}
            hint={t("designer.hook.secretHint")} />
          <NumberInput label={t("designer.hook.timeoutSeconds")} value={state.hook?.timeoutSeconds}
            onChange={(v) => set(["hook", "timeoutSeconds"], v)} />
          <NumberInput label={t("designer.hook.attempts")} value={state.hook?.attempts} onChange={(v) => set(["hook", "attempts"], v)} />
          <SelectInput label={t("designer.hook.success")} value={state.hook?.successTransition} blank={t("designer.form.none")}
            choices={outgoing} onChange={(v) => set(["hook", "successTransition"], v)} />
          <SelectInput label={t("designer.hook.failure")} value={state.hook?.failureTransition} blank={t("designer.form.none")}
            choices={outgoing} onChange={(v) => set(["hook", "failureTransition"], v)} />
        </div>
        <MapInput label={t("designer.hook.fields")} value={state.hook?.fields} hint={t("designer.hook.fieldsHint")}
          onChange={(v) => set(["hook", "fields"], v)} />
      </Group>

      <Group title={t("designer.group.children")} count={children.length}>
        <p className="hint">{t("designer.children.hint")}</p>
        {children.map((child, i) => (
          <fieldset key={i} className="designer-item">
            <legend>{t("designer.children.child", { n: i + 1 })}</legend>
            <div className="grid-2">
              <TextInput label={t("designer.children.workflow")} value={child.workflow} onChange={(v) => set(["children", "tickets", i, "workflow"], v)} />
              <TextInput label={t("designer.children.title")} value={child.title} onChange={(v) => set(["children", "tickets", i, "title"], v)} />
              <TextInput label={t("designer.children.submit")} value={child.submit} onChange={(v) => set(["children", "tickets", i, "submit"], v)} />
            </div>
            <MapInput label={t("designer.children.fields")} value={child.fields} hint={t("designer.children.fieldsHint")}
              onChange={(v) => set(["children", "tickets", i, "fields"], v)} />
            <button type="button" className="danger" onClick={() => set(["children", "tickets"], children.filter((_, j) => j !== i))}>
              {t("designer.children.remove", { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => set(["children", "tickets"], [...children, { workflow: "" }])}>{t("designer.children.add")}</button>
        <TextInput label={t("designer.children.condition")} value={state.children?.condition} placeholder="rejected > 0"
          onChange={(v) => set(["children", "condition"], v)} />
        <div className="grid-2">
          <SelectInput label={t("designer.children.transition")} value={state.children?.transition} blank={t("designer.form.none")}
            choices={outgoing} onChange={(v) => set(["children", "transition"], v)} />
          <SelectInput label={t("designer.children.otherwise")} value={state.children?.otherwise} blank={t("designer.form.none")}
            choices={outgoing} onChange={(v) => set(["children", "otherwise"], v)} />
        </div>
      </Group>

      <div className="designer-danger-zone">
        <button type="button" className="danger" onClick={onDelete}>{t("designer.deleteState")}</button>
      </div>
    </div>
  );
}

export function TransitionInspector({ definition, transition, problems, apply, onSelect, onDelete }: {
  definition: Definition; transition: TransitionDef; problems: string[]; apply: Apply; onSelect(s: Selection | undefined): void; onDelete(): void;
}) {
  const { t } = useI18n();
  const key = transition.key ?? "";
  const set = (path: (string | number)[], value: unknown) =>
    apply({ ...definition, transitions: (definition.transitions ?? []).map((x) => (x === transition ? setIn(x, path, value) : x)) });
  const states: Choice[] = (definition.states ?? []).map((s) => ({ value: s.key ?? "", label: `${s.name || s.key} (${s.key})` }));
  const routes = transition.routes ?? [];
  const setRoutes = (next: typeof routes) => set(["routes"], next);
  return (
    <div className="designer-form">
      <h3>{t("designer.inspector.transition", { name: transition.name || key })}</h3>
      <ProblemList problems={problems} />
      <div className="grid-2">
        <KeyInput label={t("designer.form.key")} value={key} taken={transitionKeys(definition)}
          onCommit={(next) => { apply(renameTransition(definition, key, next)); onSelect({ element: "transition", key: next }); }} />
        <TextInput label={t("designer.form.name")} value={transition.name} onChange={(v) => set(["name"], v)} />
        <SelectInput label={t("designer.form.from")} value={transition.from} choices={states} blank="" onChange={(v) => set(["from"], v)} />
        <SelectInput label={t("designer.form.to")} value={transition.to} choices={states} blank="" onChange={(v) => set(["to"], v)} />
        <SelectInput label={t("designer.form.kind")} value={transition.kind} blank=""
          choices={TRANSITION_KINDS.map((v) => ({ value: v, label: t(`designer.kind.${v}`) }))} onChange={(v) => set(["kind"], v)} />
      </div>
      <CheckInput label={t("designer.form.checkRequired")} checked={transition.checkRequiredFields}
        onChange={(v) => set(["checkRequiredFields"], v)} />
      <Group title={t("designer.group.routes")} open count={routes.length}>
        <p className="hint">{t("designer.routes.hint")}</p>
        {routes.map((route, i) => (
          <fieldset key={i} className="designer-item">
            <legend>{t("designer.routes.route", { n: i + 1 })}</legend>
            <TextInput label={t("designer.routes.condition")} value={route.condition} placeholder="days > 3"
              onChange={(v) => set(["routes", i, "condition"], v)} />
            <SelectInput label={t("designer.routes.to")} value={route.to} choices={states} blank="" onChange={(v) => set(["routes", i, "to"], v)} />
            <div className="row">
              <button type="button" disabled={i === 0}
                onClick={() => setRoutes(routes.map((r, j) => (j === i - 1 ? routes[i] : j === i ? routes[i - 1] : r)))}>
                {t("designer.routes.up", { n: i + 1 })}
              </button>
              <button type="button" className="danger" onClick={() => setRoutes(routes.filter((_, j) => j !== i))}>
                {t("designer.routes.remove", { n: i + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <button type="button" onClick={() => setRoutes([...routes, { condition: "", to: transition.to }])}>{t("designer.routes.add")}</button>
      </Group>
      <div className="designer-danger-zone">
        <button type="button" className="danger" onClick={onDelete}>{t("designer.deleteTransition")}</button>
      </div>
    </div>
  );
}

function NewField({ definition, apply }: { definition: Definition; apply: Apply }) {
  const { t } = useI18n();
  const [key, setKey] = useState("");
  const [label, setLabel] = useState("");
  const [type, setType] = useState<string>("TEXT");
  const [tried, setTried] = useState(false);
  const problem = keyProblem(key, (definition.fields ?? []).map((f) => f.key ?? ""));
  const add = () => {
    setTried(true);
    if (problem) {
      return;
    }
    apply({ ...definition, fields: [...(definition.fields ?? []), { key, label: label || undefined, type: type as never }] });
    setKey("");
    setLabel("");
    setTried(false);
  };
  return (
    <fieldset className="designer-item designer-new">
      <legend>{t("designer.fields.new")}</legend>
      <div className="grid-2">
        <Labelled label={t("designer.fields.newKey")} hint={tried && problem ? t(`designer.key.${problem}`) : undefined}>
          {(id) => <input id={id} value={key} aria-invalid={tried && problem ? true : undefined} onChange={(e) => setKey(e.target.value)}
            onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); add(); } }} />}
        </Labelled>
        <Labelled label={t("designer.fields.newLabel")}>
          {(id) => <input id={id} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Labelled>
        <Labelled label={t("designer.fields.newType")}>
          {(id) => <select id={id} value={type} onChange={(e) => setType(e.target.value)}>{FIELD_TYPES.map((v) => <option key={v} value={v}>{v}</option>)}</select>}
        </Labelled>
      </div>
      <button type="button" onClick={add}>{t("designer.fields.add")}</button>
    </fieldset>
  );
}

export function WorkflowPanel({ definition, problems, apply }: { definition: Definition; problems: Problem[]; apply: Apply }) {
  const { t } = useI18n();
  const set = (path: (string | number)[], value: unknown) => apply(setIn(definition, path, value));
  const fields = definition.fields ?? [];
  const notifications = definition.notifications ?? [];
  const hooks = definition.eventHooks ?? [];
  const fieldProblems = (key: string | undefined) => problems.filter((p) => p.element === "field" && p.key === key).map((p) => p.message ?? "");
  const viewFields = definition.viewPermission?.fields ?? [];
  return (
    <div className="designer-form">
      <h3>{t("designer.inspector.workflow")}</h3>
      <ProblemList problems={problems.filter((p) => p.element !== "field" || !fields.some((f) => f.key === p.key)).map((p) => p.message ?? "")} />
      <div className="grid-2">
        <Labelled label={t("designer.form.key")}>{(id) => <input id={id} value={definition.key ?? ""} readOnly />}</Labelled>
        <TextInput label={t("designer.form.name")} value={definition.name} onChange={(v) => set(["name"], v)} />
      </div>
      <TextInput label={t("designer.form.description")} value={definition.description} rows={2} onChange={(v) => set(["description"], v)} />
      <div className="grid-2">
        <ListInput label={t("designer.workflow.admins")} value={definition.admins} onChange={(v) => set(["admins"], v)} hint={t("designer.form.usernames")} />
        <TextInput label={t("designer.workflow.serialPrefix")} value={definition.serialPrefix} placeholder="LEAVE"
          onChange={(v) => set(["serialPrefix"], v)} hint={t("designer.workflow.serialHint")} />
      </div>
      <CheckInput label={t("designer.workflow.restrictView")} checked={definition.restrictView} onChange={(v) => set(["restrictView"], v)} />
      <CheckInput label={t("designer.workflow.forbidDelegation")} checked={definition.forbidDelegation} onChange={(v) => set(["forbidDelegation"], v)} />

      <Group title={t("designer.group.fields")} open count={fields.length}>
        {fields.map((f, i) => (
          <fieldset key={i} className="designer-item">
            <legend>{t("designer.fields.field", { n: i + 1, key: f.key ?? "" })}</legend>
            <ProblemList problems={fieldProblems(f.key)} />
            <div className="grid-2">
              <KeyInput label={t("designer.form.key")} value={f.key ?? ""} taken={fields.map((x) => x.key ?? "")}
                onCommit={(next) => apply(renameField(definition, f.key ?? "", next))} />
              <TextInput label={t("designer.fields.label")} value={f.label} onChange={(v) => set(["fields", i, "label"], v)} />
              <SelectInput label={t("designer.fields.type")} value={f.type} choices={raw(FIELD_TYPES)} blank="" onChange={(v) => set(["fields", i, "type"], v)} />
              {(f.type === "SINGLE_CHOICE" || f.type === "MULTI_CHOICE" || (f.options?.length ?? 0) > 0) && (
                <ListInput label={t("designer.fields.options")} value={f.options} onChange={(v) => set(["fields", i, "options"], v)} />
              )}
            </div>
            <button type="button" className="danger" onClick={() => apply(deleteField(definition, f.key ?? ""))}>
              {t("designer.fields.remove", { key: f.key ?? "" })}
            </button>
          </fieldset>
        ))}
        <NewField definition={definition} apply={apply} />
      </Group>

      <Group title={t("designer.group.start")} count={definition.startPermission ? 1 : 0}>
        <p className="hint">{t("designer.start.hint")}</p>
        <ListInput label={t("designer.perm.users")} value={definition.startPermission?.users} onChange={(v) => set(["startPermission", "users"], v)} />
        <ListInput label={t("designer.perm.departments")} value={definition.startPermission?.departments}
          onChange={(v) => set(["startPermission", "departments"], v)} />
        <ListInput label={t("designer.perm.roles")} value={definition.startPermission?.roles} onChange={(v) => set(["startPermission", "roles"], v)} />
        <div className="grid-2">
          <NumberInput label={t("designer.start.tickets")} value={definition.startPermission?.rateLimit?.tickets}
            onChange={(v) => set(["startPermission", "rateLimit", "tickets"], v)} />
          <NumberInput label={t("designer.start.perHours")} value={definition.startPermission?.rateLimit?.perHours}
            onChange={(v) => set(["startPermission", "rateLimit", "perHours"], v)} />
        </div>
      </Group>

      <Group title={t("designer.group.view")} count={definition.viewPermission ? 1 : 0}>
        <p className="hint">{t("designer.view.hint")}</p>
        <ListInput label={t("designer.perm.users")} value={definition.viewPermission?.users} onChange={(v) => set(["viewPermission", "users"], v)} />
        <ListInput label={t("designer.perm.departments")} value={definition.viewPermission?.departments}
          onChange={(v) => set(["viewPermission", "departments"], v)} />
        <ListInput label={t("designer.perm.roles")} value={definition.viewPermission?.roles} onChange={(v) => set(["viewPermission", "roles"], v)} />
        <fieldset className="designer-item">
          <legend>{t("designer.view.fields")}</legend>
          {fields.length === 0 && <p className="hint">{t("designer.access.noFields")}</p>}
          {fields.map((f) => (
            <CheckInput key={f.key} label={`${f.label || f.key} (${f.key})`} checked={viewFields.includes(f.key ?? "")}
              onChange={(on) => set(["viewPermission", "fields"], on ? [...viewFields, f.key] : viewFields.filter((x) => x !== f.key))} />
          ))}
        </fieldset>
      </Group>

      <Group title={t("designer.group.notifications")} count={notifications.length}>
        <p className="hint">{t("designer.notifications.hint")}</p>
        {notifications.map((n, i) => (
          <fieldset key={i} className="designer-item">
            <legend>{t("designer.notifications.item", { n: i + 1 })}</legend>
            <SelectInput label={t("designer.notifications.kind")} value={n.kind} blank="" choices={raw(NOTIFICATION_KINDS)}
              onChange={(v) => set(["notifications", i, "kind"], v)} />
            <TextInput label={t("designer.notifications.subject")} value={n.subject} onChange={(v) => set(["notifications", i, "subject"], v)} />
            <TextInput label={t("designer.notifications.body")} value={n.body} rows={4} onChange={(v) => set(["notifications", i, "body"], v)} />
            <button type="button" className="danger" onClick={() => set(["notifications"], notifications.filter((_, j) => j !== i))}>
              {t("designer.notifications.remove", { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => set(["notifications"], [...notifications, {
          kind: NOTIFICATION_KINDS.find((k) => !notifications.some((n) => n.kind === k)) ?? "NEW_TODO", subject: "", body: "",
        }])}>{t("designer.notifications.add")}</button>
      </Group>

      <Group title={t("designer.group.eventHooks")} count={hooks.length}>
        <p className="hint">{t("designer.eventHooks.hint")}</p>
        {hooks.map((h, i) => (
          <fieldset key={i} className="designer-item">
            <legend>{t("designer.eventHooks.item", { n: i + 1 })}</legend>
            <TextInput label={t("designer.hook.url")} value={h.url} placeholder="https://" onChange={(v) => set(["eventHooks", i, "url"], v)} />
            <div className="grid-2">
              <TextInput label={t("designer.hook.secret")} value={h.secret} onChange={(v) => set(["eventHooks", i, "secret"], v)} />
              <NumberInput label={t("designer.hook.timeoutSeconds")} value={h.timeoutSeconds} onChange={(v) => set(["eventHooks", i, "timeoutSeconds"], v)} />
              <NumberInput label={t("designer.hook.attempts")} value={h.attempts} onChange={(v) => set(["eventHooks", i, "attempts"], v)} />
            </div>
            <fieldset className="designer-checks">
              <legend>{t("designer.eventHooks.events")}</legend>
              {EVENT_KINDS.map((kind) => (
                <CheckInput key={kind} label={kind} checked={h.events?.includes(kind)}
                  onChange={(on) => set(["eventHooks", i, "events"], on ? [...(h.events ?? []), kind] : (h.events ?? []).filter((e) => e !== kind))} />
              ))}
            </fieldset>
            <button type="button" className="danger" onClick={() => set(["eventHooks"], hooks.filter((_, j) => j !== i))}>
              {t("designer.eventHooks.remove", { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => set(["eventHooks"], [...hooks, { url: "", events: ["ENDED"] }])}>{t("designer.eventHooks.add")}</button>
      </Group>
    </div>
  );
}

export function Section({ label, children }: { label: string; children: ReactNode }) {
  return <section className="designer-inspector" aria-label={label}>{children}</section>;
}
