import { useMemo, useState } from "react";
import { config } from "@baton/client";
import type { Route } from "../app/router";
import { Link, navigate } from "../app/router";
import { useBaton } from "../app/session";
import { useAction, useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Labelled, Loading, Modal, PageHeader, When } from "../app/ui";
import { keyProblem, parseDefinition, skeleton } from "./model";
import "./designer.css";

export type ListKind = "todo" | "related" | "created" | "cc";

/** Every workflow: its latest version and whether a draft waits; new ones, and imports of definition documents. */
export function WorkflowsPage(_props: { route?: Route; workflowKey?: string; ticketId?: string; kind?: ListKind }) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const workflows = useLoad(() => api.listWorkflows(), [api]);
  const [dialog, setDialog] = useState<"new" | "import">();
  const list = [...(workflows.data ?? [])].sort((a, b) => (a.key ?? "").localeCompare(b.key ?? ""));
  const taken = list.map((w) => w.key ?? "");
  return (
    <div className="designer-page">
      <PageHeader title={t("designer.workflows.title")}>
        <Loading when={workflows.loading} />
        <button type="button" className="primary" onClick={() => setDialog("new")}>{t("designer.workflows.new")}</button>
        <button type="button" onClick={() => setDialog("import")}>{t("designer.workflows.import")}</button>
      </PageHeader>
      <FailureNote failure={workflows.failure} />
      {workflows.data && list.length === 0 && <p className="card">{t("designer.workflows.empty")}</p>}
      {list.length > 0 && (
        <table>
          <caption className="sr-only">{t("designer.workflows.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("designer.workflows.name")}</th><th scope="col">{t("designer.form.key")}</th>
              <th scope="col">{t("designer.workflows.latest")}</th><th scope="col">{t("designer.workflows.publishedAt")}</th>
              <th scope="col">{t("designer.draft")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.key}>
                <td><Link to={`/admin/workflows/${encodeURIComponent(w.key ?? "")}`}>{w.name || w.key}</Link></td>
                <td><code>{w.key}</code></td>
                <td>{w.latestVersion ? t("designer.versionN", { n: w.latestVersion }) : <span className="badge warn">{t("designer.notPublished")}</span>}</td>
                <td><When at={w.publishedAt ?? undefined} /></td>
                <td>{w.hasDraft ? <span className="badge">{t("designer.hasDraft")}</span> : <span className="hint">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog === "new" && <NewWorkflowDialog taken={taken} onClose={() => setDialog(undefined)} />}
      {dialog === "import" && <ImportDialog taken={taken} onClose={() => setDialog(undefined)} onImported={workflows.reload} />}
    </div>
  );
}

function NewWorkflowDialog({ taken, onClose }: { taken: string[]; onClose(): void }) {
  const { t } = useI18n();
  const baton = useBaton();
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [tried, setTried] = useState(false);
  const action = useAction();
  const problem = keyProblem(key, taken);
  const nameMissing = name.trim() === "";
  const create = async () => {
    setTried(true);
    if (problem || nameMissing) {
      return;
    }
    const done = await action.run(() => baton.api.config(config.WorkflowsApi).saveDraft({ key, workflowDefinition: skeleton(key, name.trim()) }));
    if (done) {
      navigate(`/admin/workflows/${encodeURIComponent(key)}`);
    }
  };
  return (
    <Modal title={t("designer.workflows.new")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <p className="hint">{t("designer.workflows.newHint")}</p>
        <Labelled label={t("designer.form.key")} hint={tried && problem ? t(`designer.key.${problem}`) : t("designer.key.rule")}>
          {(id) => <input id={id} value={key} autoFocus spellCheck={false} aria-invalid={tried && problem ? true : undefined}
            onChange={(e) => setKey(e.target.value)} />}
        </Labelled>
        <Labelled label={t("designer.form.name")} hint={tried && nameMissing ? t("designer.workflows.nameRequired") : undefined}>
          {(id) => <input id={id} value={name} aria-invalid={tried && nameMissing ? true : undefined} onChange={(e) => setName(e.target.value)} />}
        </Labelled>
        <FailureNote failure={action.failure} />
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy}>{t("designer.workflows.create")}</button>
          <button type="button" onClick={onClose}>{t("designer.cancel")}</button>
        </div>
      </form>
    </Modal>
  );
}

function ImportDialog({ taken, onClose, onImported }: { taken: string[]; onClose(): void; onImported(): void }) {
  const { t } = useI18n();
  const baton = useBaton();
  const api = useMemo(() => baton.api.config(config.WorkflowsApi), [baton]);
  const [text, setText] = useState("");
  const [publish, setPublish] = useState(false);
  const [imported, setImported] = useState<config.ImportedWorkflow>();
  const action = useAction();
  const parsed = text.trim() === "" ? undefined : parseDefinition(text);
  const key = parsed?.definition?.key;
  const readFile = async (file: File | undefined) => {
    if (file) {
      setText(await file.text());
      setImported(undefined);
    }
  };
  const submit = async () => {
    if (!parsed?.definition) {
      return;
    }
    setImported(undefined);
    const definition = parsed.definition;
    // A refused definition comes back as 422 invalid-definition, listing every problem (shown by the failure note).
    const done = await action.run(() => api.importDefinition({ workflowDefinition: definition, publish }));
    if (done) {
      setImported(done);
      onImported();
    }
  };
  return (
    <Modal title={t("designer.workflows.import")} open onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <p className="hint">{t("designer.import.hint")}</p>
        <Labelled label={t("designer.import.file")}>
          {(id) => <input id={id} type="file" accept=".json,application/json" onChange={(e) => void readFile(e.target.files?.[0])} />}
        </Labelled>
        <Labelled label={t("designer.import.text")}>
          {(id) => <textarea id={id} rows={10} value={text} spellCheck={false} className="designer-code" aria-invalid={parsed?.error ? true : undefined}
            onChange={(e) => { setText(e.target.value); setImported(undefined); }} />}
        </Labelled>
        {parsed?.error && (
          <div className="failure" role="alert">
            {t(`designer.parse.${parsed.error.code}`, { part: parsed.error.detail })}{parsed.error.code === "syntax" && ` ${parsed.error.detail}`}
          </div>
        )}
        {parsed?.definition && !key && <div className="failure" role="alert">{t("designer.import.noKey")}</div>}
        {key && taken.includes(key) && !imported && <p className="badge warn">{t("designer.import.replaces", { key })}</p>}
        <label className="check">
          <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
          {t("designer.import.publish")}
        </label>
        <FailureNote failure={action.failure} />
        {imported && (
          <div className="success" role="status">
            {imported.version
              ? t("designer.import.published", { key: imported.key ?? "", n: imported.version })
              : t("designer.import.drafted", { key: imported.key ?? "" })}{" "}
            <Link to={`/admin/workflows/${encodeURIComponent(imported.key ?? "")}`}>{t("designer.import.open")}</Link>
          </div>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy || !parsed?.definition || !key}>{t("designer.import.submit")}</button>
          <button type="button" onClick={onClose}>{t("designer.close")}</button>
        </div>
      </form>
    </Modal>
  );
}
