import { useMemo } from "react";
import { config } from "@baton/client";
import { navigate, type Route } from "../app/router";
import { useBaton } from "../app/session";
import { useAction, useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading, When } from "../app/ui";
import { WorkflowDiagram } from "../diagram/WorkflowDiagram";
import { diffDefinitions, diffHighlights, showValue, type CollectionDiff, type PropertyChange } from "./diff";
import { downloadJson } from "./download";
import { orNone } from "./load";
import { formatDefinition, readingOrder, toDiagram, type Definition } from "./model";

/** The published versions: the list, one drawn read-only, two compared, any exported as a JSON file. */
export function VersionsView({ workflowKey, route, hasDraft }: { workflowKey: string; route: Route; hasDraft: boolean }) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const versions = useLoad(() => orNone(api.versions({ key: workflowKey })), [api, workflowKey]);
  const exporting = useAction();
  const list = versions.data ?? [];
  const numbers = list.map((v) => String(v.version));
  const latest = numbers.at(-1);
  const shown = route.query.get("v") ?? latest;
  const a = route.query.get("a") ?? (numbers.length > 1 ? numbers.at(-2) : latest);
  const b = route.query.get("b") ?? (hasDraft ? "draft" : latest);
  const go = (change: Record<string, string | undefined>) => navigate(`/admin/workflows/${encodeURIComponent(workflowKey)}`, {
    tab: "versions", v: route.query.get("v") ?? undefined, a: route.query.get("a") ?? undefined, b: route.query.get("b") ?? undefined, ...change,
  });
  const exportVersion = (version: string) => exporting.run(async () => {
    const definition = await api._export({ key: workflowKey, version });
    downloadJson(`${workflowKey}-${version === "draft" ? "draft" : `v${version}`}.json`, readingOrder(definition));
  });

  if (versions.loading && !versions.data) {
    return <Loading when />;
  }
  return (
    <div className="designer-versions">
      <FailureNote failure={versions.failure} />
      <FailureNote failure={exporting.failure} />
      {versions.data === null && <p className="card">{t("designer.versions.none")}</p>}
      {list.length > 0 && (
        <table>
          <caption className="sr-only">{t("designer.versions.title")}</caption>
          <thead>
            <tr><th scope="col">{t("designer.versions.version")}</th><th scope="col">{t("designer.versions.publishedAt")}</th>
              <th scope="col">{t("designer.versions.publishedBy")}</th><th scope="col">{t("designer.versions.actions")}</th></tr>
          </thead>
          <tbody>
            {[...list].reverse().map((v) => (
              <tr key={v.version} aria-current={String(v.version) === shown ? "true" : undefined}>
                <td>{t("designer.versionN", { n: v.version ?? 0 })}</td>
                <td><When at={v.publishedAt} /></td>
                <td>{v.publishedBy}</td>
                <td><div className="designer-actions">
                  <button type="button" onClick={() => go({ v: String(v.version) })} aria-pressed={String(v.version) === shown}>
                    {t("designer.versions.view", { n: v.version ?? 0 })}
                  </button>
                  <button type="button" onClick={() => exportVersion(String(v.version))} disabled={exporting.busy}>
                    {t("designer.versions.export", { n: v.version ?? 0 })}
                  </button>
                </div></td>
              </tr>
            ))}
            {hasDraft && (
              <tr>
                <td>{t("designer.draft")}</td><td colSpan={2}>—</td>
                <td><div className="designer-actions">
                  <button type="button" onClick={() => exportVersion("draft")} disabled={exporting.busy}>{t("designer.versions.exportDraft")}</button>
                </div></td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {shown && <VersionViewer workflowKey={workflowKey} version={shown} />}
      {(list.length > 1 || (hasDraft && list.length > 0)) && (
        <DiffView workflowKey={workflowKey} numbers={numbers} hasDraft={hasDraft} a={a!} b={b!} onPick={(x, y) => go({ a: x, b: y })} />
      )}
    </div>
  );
}

function VersionViewer({ workflowKey, version }: { workflowKey: string; version: string }) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const loaded = useLoad(() => api.version({ key: workflowKey, version }), [api, workflowKey, version]);
  const drawn = useMemo(() => toDiagram(loaded.data?.definition), [loaded.data]);
  return (
    <section className="designer-version" aria-labelledby="designer-version-title">
      <h2 id="designer-version-title">{t("designer.versions.showing", { n: version })}</h2>
      <FailureNote failure={loaded.failure} />
      <Loading when={loaded.loading} />
      {loaded.data && <>
        <p className="hint">{t("designer.versions.publishedLine", { by: loaded.data.publishedBy ?? "" })} <When at={loaded.data.publishedAt} /></p>
        <WorkflowDiagram label={t("designer.diagram.versionLabel", { n: version })} states={drawn.states} transitions={drawn.transitions} height={360} />
        <details>
          <summary>{t("designer.versions.json")}</summary>
          <pre className="json">{formatDefinition(loaded.data.definition ?? {})}</pre>
        </details>
      </>}
    </section>
  );
}

function DiffView({ workflowKey, numbers, hasDraft, a, b, onPick }: {
  workflowKey: string; numbers: string[]; hasDraft: boolean; a: string; b: string; onPick(a: string, b: string): void;
}) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const load = async (which: string): Promise<Definition> => which === "draft"
    ? (await api.draft({ key: workflowKey })).definition ?? {}
    : (await api.version({ key: workflowKey, version: which })).definition ?? {};
  const both = useLoad(() => Promise.all([load(a), load(b)]), [api, workflowKey, a, b]);
  const diff = useMemo(() => (both.data ? diffDefinitions(both.data[0], both.data[1]) : undefined), [both.data]);
  const marks = useMemo(() => (diff ? diffHighlights(diff) : undefined), [diff]);
  const choices = [...numbers.map((n) => ({ value: n, label: t("designer.versionN", { n }) })), ...(hasDraft ? [{ value: "draft", label: t("designer.draft") }] : [])];
  const name = (v: string) => (v === "draft" ? t("designer.draft") : t("designer.versionN", { n: v }));
  const drawnA = useMemo(() => toDiagram(both.data?.[0]), [both.data]);
  const drawnB = useMemo(() => toDiagram(both.data?.[1]), [both.data]);
  return (
    <section className="designer-diff" aria-labelledby="designer-diff-title">
      <h2 id="designer-diff-title">{t("designer.diff.title")}</h2>
      <div className="row">
        <Labelled label={t("designer.diff.a")}>
          {(id) => <select id={id} value={a} onChange={(e) => onPick(e.target.value, b)}>{choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}</select>}
        </Labelled>
        <Labelled label={t("designer.diff.b")}>
          {(id) => <select id={id} value={b} onChange={(e) => onPick(a, e.target.value)}>{choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}</select>}
        </Labelled>
      </div>
      <FailureNote failure={both.failure} />
      <Loading when={both.loading} />
      {diff && marks && <>
        {diff.same ? <p className="card">{t("designer.diff.same", { a: name(a), b: name(b) })}</p> : (
          <div className="designer-diff-lists">
            <Changes title={t("designer.diff.workflow")} changes={diff.workflow} />
            <Collection title={t("designer.diff.states")} diff={diff.states} />
            <Collection title={t("designer.diff.transitions")} diff={diff.transitions} />
            <Collection title={t("designer.diff.fields")} diff={diff.fields} />
          </div>
        )}
        <div className="designer-diff-diagrams">
          <div>
            <h3>{name(a)}</h3>
            <WorkflowDiagram label={t("designer.diff.diagramOf", { name: name(a) })} states={drawnA.states} transitions={drawnA.transitions}
              highlight={marks.before} height={300} />
          </div>
          <div>
            <h3>{name(b)}</h3>
            <WorkflowDiagram label={t("designer.diff.diagramOf", { name: name(b) })} states={drawnB.states} transitions={drawnB.transitions}
              highlight={marks.after} height={300} />
          </div>
        </div>
      </>}
    </section>
  );
}

function Changes({ title, changes }: { title: string; changes: PropertyChange[] }) {
  const { t } = useI18n();
  if (changes.length === 0) {
    return null;
  }
  return (
    <div className="card">
      <h3>{title}</h3>
      <ChangeTable changes={changes} caption={t("designer.diff.changedIn", { what: title })} />
    </div>
  );
}

function ChangeTable({ changes, caption }: { changes: PropertyChange[]; caption: string }) {
  const { t } = useI18n();
  return (
    <table className="designer-changes">
      <caption className="sr-only">{caption}</caption>
      <thead><tr><th scope="col">{t("designer.diff.property")}</th><th scope="col">{t("designer.diff.before")}</th><th scope="col">{t("designer.diff.after")}</th></tr></thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.property}><td><code>{c.property}</code></td><td>{showValue(c.before)}</td><td>{showValue(c.after)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function Collection({ title, diff }: { title: string; diff: CollectionDiff }) {
  const { t } = useI18n();
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    return null;
  }
  return (
    <div className="card">
      <h3>{title}</h3>
      {diff.added.length > 0 && <p><span className="diagram-mark diagram-mark-added">{t("designer.diff.added")}</span> {diff.added.join(", ")}</p>}
      {diff.removed.length > 0 && <p><span className="diagram-mark diagram-mark-removed">{t("designer.diff.removed")}</span> {diff.removed.join(", ")}</p>}
      {diff.changed.map((c) => (
        <div key={c.key}>
          <p><span className="diagram-mark diagram-mark-changed">{t("designer.diff.changed")}</span> <strong>{c.key}</strong></p>
          <ChangeTable changes={c.changes} caption={t("designer.diff.changedIn", { what: c.key })} />
        </div>
      ))}
    </div>
  );
}
