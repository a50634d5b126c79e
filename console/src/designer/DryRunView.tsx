import { useId, useMemo, useState } from "react";
import { command, config } from "@baton/client";
import { useBaton } from "../app/session";
import { useAction, useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading } from "../app/ui";
import { WorkflowDiagram } from "../diagram/WorkflowDiagram";
import { buildDryRun, pathStates, type FieldError, type RawValue } from "./dryrun";
import { orNone } from "./load";
import { toDiagram, type FieldDef } from "./model";

/** Who would handle a ticket, state by state, for a creator and field values: the dry run of a published version. */
export function DryRunView({ workflowKey, latest }: { workflowKey: string; latest?: number }) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const versions = useLoad(() => orNone(api.versions({ key: workflowKey })), [api, workflowKey]);
  const users = useLoad(() => baton.api.config(config.DirectoryApi).users({}).catch(() => []), [baton]);
  const [picked, setPicked] = useState<string>();
  const version = picked ?? (latest ? String(latest) : versions.data?.at(-1)?.version?.toString());
  const loaded = useLoad(async () => (version ? api.version({ key: workflowKey, version }) : null), [api, workflowKey, version]);
  const [creator, setCreator] = useState("");
  const [values, setValues] = useState<Record<string, RawValue>>({});
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [path, setPath] = useState<command.Path>();
  const run = useAction();
  const definition = loaded.data?.definition;
  const fields = definition?.fields ?? [];
  const drawn = useMemo(() => toDiagram(definition), [definition]);
  const steps = useMemo(() => pathStates(path), [path]);
  const listId = useId();

  if (versions.data === null || (!versions.loading && !version)) {
    return <p className="card">{t("designer.dryrun.unpublished")}</p>;
  }

  const submit = () => {
    const built = buildDryRun(fields, creator, values, version ? Number(version) : undefined);
    setErrors(built.errors);
    if (!built.request) {
      return;
    }
    void run.run(async () => {
      setPath(await baton.api.commands(command.WorkflowsApi).dryRun({ key: workflowKey, dryRunRequest: built.request }));
    });
  };

  return (
    <div className="designer-dryrun">
      <div className="designer-dryrun-grid">
        <form className="card" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={t("designer.dryrun.form")}>
          <p className="hint">{t("designer.dryrun.hint")}</p>
          <Labelled label={t("designer.dryrun.version")}>
            {(id) => (
              <select id={id} value={version ?? ""} onChange={(e) => { setPicked(e.target.value); setPath(undefined); }}>
                {(versions.data ?? []).map((v) => <option key={v.version} value={String(v.version)}>{t("designer.versionN", { n: v.version ?? 0 })}</option>)}
              </select>
            )}
          </Labelled>
          <Labelled label={t("designer.dryrun.creator")} hint={t("designer.dryrun.creatorHint")}>
            {(id) => <input id={id} value={creator} list={listId} autoComplete="off" onChange={(e) => setCreator(e.target.value)} />}
          </Labelled>
          <datalist id={listId}>{(users.data ?? []).map((u) => <option key={u.username} value={u.username}>{u.name}</option>)}</datalist>
          <Loading when={loaded.loading} />
          <FailureNote failure={loaded.failure} />
          {fields.map((f) => (
            <FieldInput key={f.key} field={f} value={values[f.key ?? ""]} error={errors[f.key ?? ""]}
              onChange={(v) => setValues((all) => ({ ...all, [f.key ?? ""]: v }))} />
          ))}
          <button type="submit" className="primary" disabled={run.busy || !definition}>{t("designer.dryrun.run")}</button>
          <FailureNote failure={run.failure} />
        </form>
        <div>
          {path && (
            <section aria-labelledby="designer-path-title" className="card">
              <h2 id="designer-path-title">
                {t("designer.dryrun.path")}{" "}
                {path.reachesEnd ? <span className="badge ended">{t("designer.dryrun.reachesEnd")}</span>
                  : <span className="badge bad">{t("designer.dryrun.stops")}</span>}
              </h2>
              <table>
                <thead>
                  <tr><th scope="col">#</th><th scope="col">{t("designer.dryrun.state")}</th><th scope="col">{t("designer.dryrun.handlers")}</th>
                    <th scope="col">{t("designer.form.distribution")}</th><th scope="col">{t("designer.dryrun.via")}</th></tr>
                </thead>
                <tbody>
                  {(path.steps ?? []).map((s, i) => (
                    <tr key={i}>
                      <td>{i + 1}</td>
                      <td><strong>{s.state?.name || s.state?.key}</strong> <code>{s.state?.key}</code>{" "}
                        <span className="badge">{t(`designer.type.${s.state?.type ?? "NORMAL"}`)}</span>
                        {s.problem && <div className="failure" role="note">{s.problem}</div>}</td>
                      <td>{(s.participants ?? []).length ? s.participants!.join(", ") : <span className="hint">—</span>}</td>
                      <td>{s.distribution}</td>
                      <td>{s.via ? `${s.via.name || s.via.key} (${t(`designer.kind.${s.via.kind ?? "OTHER"}`)})` : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {definition && (
            <WorkflowDiagram label={t("designer.dryrun.diagram")} states={drawn.states} transitions={drawn.transitions}
              path={steps.length ? steps : undefined} height={path ? 300 : 420} />
          )}
        </div>
      </div>
    </div>
  );
}

function FieldInput({ field, value, error, onChange }: { field: FieldDef; value: RawValue | undefined; error?: FieldError; onChange(v: RawValue): void }) {
  const { t } = useI18n();
  const label = `${field.label || field.key} (${field.type})`;
  const hint = error ? t(`designer.dryrun.error.${error}`) : undefined;
  const text = typeof value === "string" ? value : "";
  return (
    <Labelled label={label} hint={hint}>
      {(id) => {
        const invalid = error ? true : undefined;
        switch (field.type) {
          case "BOOLEAN":
            return (
              <select id={id} value={text} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
                <option value="">{t("designer.dryrun.notGiven")}</option>
                <option value="true">{t("designer.dryrun.yes")}</option>
                <option value="false">{t("designer.dryrun.no")}</option>
              </select>
            );
          case "SINGLE_CHOICE":
            return (
              <select id={id} value={text} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
                <option value="">{t("designer.dryrun.notGiven")}</option>
                {(field.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            );
          case "MULTI_CHOICE":
            return (
              <select id={id} multiple value={Array.isArray(value) ? value : []} aria-invalid={invalid}
                onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}>
                {(field.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            );
          case "TEXTAREA":
            return <textarea id={id} rows={2} value={text} onChange={(e) => onChange(e.target.value)} />;
          case "DATE":
            return <input id={id} type="date" value={text} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)} />;
          case "DATETIME":
            return <input id={id} type="datetime-local" value={text} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)} />;
          case "INTEGER":
          case "DECIMAL":
            return <input id={id} inputMode={field.type === "INTEGER" ? "numeric" : "decimal"} value={text} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)} />;
          default:
            return <input id={id} value={text} placeholder={field.type === "MULTI_USER" ? "lena, sam" : undefined} onChange={(e) => onChange(e.target.value)} />;
        }
      }}
    </Labelled>
  );
}
