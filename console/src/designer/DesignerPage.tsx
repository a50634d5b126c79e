import { useMemo, useState } from "react";
import { config } from "@baton/client";
import type { Route } from "../app/router";
import { Link } from "../app/router";
import { useBaton } from "../app/session";
import { useAction, useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Loading, PageHeader } from "../app/ui";
import { WorkflowDiagram } from "../diagram/WorkflowDiagram";
import { DraftEditor } from "./DraftEditor";
import { VersionsView } from "./VersionsView";
import { DryRunView } from "./DryRunView";
import { orNone } from "./load";
import { skeleton, toDiagram } from "./model";
import "./designer.css";

export type ListKind = "todo" | "related" | "created" | "cc";
type Tab = "draft" | "versions" | "dryrun";
const TABS: Tab[] = ["draft", "versions", "dryrun"];

/** One workflow: its draft in the designer, its published versions (view, diff, export), and dry runs. */
export function DesignerPage({ workflowKey, route }: { route?: Route; workflowKey?: string; ticketId?: string; kind?: ListKind }) {
  const { t } = useI18n();
  const baton = useBaton();
  const key = workflowKey ?? "";
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const summary = useLoad(() => api.listWorkflows().then((all) => all.find((w) => w.key === key) ?? null), [api, key]);
  const [published, setPublished] = useState<number>();
  const tab = (TABS as string[]).includes(route?.query.get("tab") ?? "") ? (route!.query.get("tab") as Tab) : "draft";
  const latest = summary.data?.latestVersion ?? undefined;
  const path = `/admin/workflows/${encodeURIComponent(key)}`;

  return (
    <div className="designer-page">
      <PageHeader title={summary.data?.name || key}>
        <code className="designer-key">{key}</code>
        {latest ? <span className="badge ended">{t("designer.versionN", { n: latest })}</span>
          : summary.data !== undefined && <span className="badge warn">{t("designer.notPublished")}</span>}
        {summary.data?.hasDraft && <span className="badge">{t("designer.hasDraft")}</span>}
        <Loading when={summary.loading} />
        <Link to="/admin/workflows">{t("designer.backToList")}</Link>
      </PageHeader>
      <FailureNote failure={summary.failure} />
      {published !== undefined && (
        <div className="success" role="status">
          {t("designer.publishedVersion", { n: published })}{" "}
          <button type="button" className="link" onClick={() => setPublished(undefined)}>{t("designer.dismiss")}</button>
        </div>
      )}
      <nav className="designer-tabs" aria-label={t("designer.views")}>
        {TABS.map((name) => (
          <Link key={name} to={path} query={{ tab: name === "draft" ? undefined : name }} aria-current={tab === name ? "page" : undefined}>
            {t(`designer.tab.${name}`)}
          </Link>
        ))}
      </nav>
      {tab === "draft" && (
        <DraftTab workflowKey={key} name={summary.data?.name} latest={latest}
          onPublished={(v) => { setPublished(v); summary.reload(); }} onChanged={summary.reload} />
      )}
      {tab === "versions" && route && <VersionsView workflowKey={key} route={route} hasDraft={Boolean(summary.data?.hasDraft)} />}
      {tab === "dryrun" && <DryRunView workflowKey={key} latest={latest} />}
    </div>
  );
}

function DraftTab({ workflowKey, name, latest, onPublished, onChanged }: {
  workflowKey: string; name?: string; latest?: number; onPublished(version: number): void; onChanged(): void;
}) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const [generation, setGeneration] = useState(0);
  const draft = useLoad(() => orNone(api.draft({ key: workflowKey })), [api, workflowKey, generation]);
  const start = useAction();

  if (draft.loading) {
    return <Loading when />;
  }
  if (draft.failure) {
    return <FailureNote failure={draft.failure} />;
  }
  if (draft.data) {
    return (
      <DraftEditor key={generation} workflowKey={workflowKey} initial={draft.data.definition ?? { key: workflowKey }}
        stamp={draft.data.updatedAt?.toISOString() ?? ""}
        onPublished={(v) => { onPublished(v); setGeneration((g) => g + 1); }}
        onDiscarded={() => { onChanged(); setGeneration((g) => g + 1); }} />
    );
  }
  const begin = (load: () => Promise<config.WorkflowDefinition>) => start.run(async () => {
    const definition = await load();
    await api.saveDraft({ key: workflowKey, workflowDefinition: definition });
    onChanged();
    setGeneration((g) => g + 1);
  });
  return (
    <div>
      <div className="card designer-nodraft">
        <p>{latest ? t("designer.noDraft", { n: latest }) : t("designer.nothing")}</p>
        <FailureNote failure={start.failure} />
        {latest
          ? <button type="button" className="primary" disabled={start.busy}
            onClick={() => begin(() => api._export({ key: workflowKey, version: String(latest) }))}>{t("designer.editCopy", { n: latest })}</button>
          : <button type="button" className="primary" disabled={start.busy}
            onClick={() => begin(async () => skeleton(workflowKey, name || workflowKey))}>{t("designer.startDraft")}</button>}
      </div>
      {latest && <LatestVersion workflowKey={workflowKey} version={latest} />}
    </div>
  );
}

function LatestVersion({ workflowKey, version }: { workflowKey: string; version: number }) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const loaded = useLoad(() => api.version({ key: workflowKey, version: String(version) }), [api, workflowKey, version]);
  const drawn = useMemo(() => toDiagram(loaded.data?.definition), [loaded.data]);
  return (
    <section aria-label={t("designer.versionN", { n: version })}>
      <h2>{t("designer.latestVersion", { n: version })}</h2>
      <FailureNote failure={loaded.failure} />
      <Loading when={loaded.loading} />
      {loaded.data && (
        <WorkflowDiagram label={t("designer.diagram.versionLabel", { n: version })} states={drawn.states} transitions={drawn.transitions} height={380} />
      )}
    </section>
  );
}
