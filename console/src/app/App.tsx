import { useEffect, useState, type ReactNode } from "react";
import { loadConfig, type ConsoleConfig } from "./config";
import { BatonProvider, saveIdentity, savedIdentity, type Identity } from "./session";
import { I18nProvider, useI18n, type Lang } from "./i18n";
import { Link, useRoute, type Route } from "./router";
import { SignIn } from "./SignIn";
import { WorkflowsPage } from "../designer/WorkflowsPage";
import { DesignerPage } from "../designer/DesignerPage";
import { DirectoryPage } from "../ops/DirectoryPage";
import { AppsPage } from "../ops/AppsPage";
import { FailuresPage } from "../ops/FailuresPage";
import { AdminTicketsPage } from "../ops/AdminTicketsPage";
import { ListPage, type ListKind } from "../inbox/ListPage";
import { StartPage } from "../inbox/StartPage";
import { TicketPage } from "../inbox/TicketPage";

export function App() {
  return <I18nProvider><Console /></I18nProvider>;
}

function Console() {
  const { t } = useI18n();
  const [config, setConfig] = useState<ConsoleConfig>();
  const [failed, setFailed] = useState<string>();
  const [identity, setIdentity] = useState<Identity | undefined>(savedIdentity);
  useEffect(() => { loadConfig().then(setConfig, (e) => setFailed(String(e))); }, []);
  useEffect(() => { document.title = t("app.title"); }, [t]);
  if (failed) {
    return <main className="sign-in"><div className="failure" role="alert">{t("app.configMissing")} {failed}</div></main>;
  }
  if (!config) {
    return null;
  }
  if (!identity) {
    return <SignIn config={config} onSignedIn={(id) => { saveIdentity(id); setIdentity(id); window.location.hash = id.admin ? "#/admin/workflows" : "#/todo"; }} />;
  }
  return (
    <BatonProvider identity={identity} config={config}>
      <Shell identity={identity} onSignOut={() => { saveIdentity(undefined); setIdentity(undefined); }} />
    </BatonProvider>
  );
}

const USER_LISTS: ListKind[] = ["todo", "related", "created", "cc"];

function Shell({ identity, onSignOut }: { identity: Identity; onSignOut(): void }) {
  const { t, lang, setLang } = useI18n();
  const route = useRoute();
  const item = (to: string, label: string) => (
    <li key={to}><Link to={to} aria-current={route.path === to || route.path.startsWith(`${to}/`) ? "page" : undefined}>{label}</Link></li>
  );
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <span className="brand">Baton</span>
        <span className="who">{t("app.signedInAs", { user: identity.user, app: identity.appId })}</span>
        <label className="lang">
          <span className="sr-only">{t("app.language")}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t("app.language")}>
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        </label>
        <button type="button" onClick={onSignOut}>{t("app.signOut")}</button>
      </header>
      <nav className="sidebar" aria-label="Console">
        {!identity.admin && <>
          <h2>{t("app.nav.work")}</h2>
          <ul>
            {USER_LISTS.map((kind) => item(`/${kind}`, t(`app.nav.${kind}`)))}
            {item("/start", t("app.nav.start"))}
          </ul>
        </>}
        {identity.admin && <>
          <h2>{t("app.nav.admin")}</h2>
          <ul>
            {item("/admin/workflows", t("app.nav.workflows"))}
            {item("/admin/directory", t("app.nav.directory"))}
            {item("/admin/apps", t("app.nav.apps"))}
            {item("/admin/failures", t("app.nav.failures"))}
            {item("/admin/tickets", t("app.nav.tickets"))}
          </ul>
        </>}
      </nav>
      <main id="main" className="content" tabIndex={-1}>{page(route, identity)}</main>
    </div>
  );
}

/** The page for a route; the ticket detail serves users and admins alike. */
function page(route: Route, identity: Identity): ReactNode {
  const [first, second, third] = route.segments;
  if (first === "tickets" && second) {
    return <TicketPage ticketId={second} route={route} />;
  }
  if (first === "admin" && identity.admin) {
    switch (second) {
      case "workflows":
        return third ? <DesignerPage workflowKey={third} route={route} /> : <WorkflowsPage />;
      case "directory":
        return <DirectoryPage route={route} />;
      case "apps":
        return <AppsPage />;
      case "failures":
        return <FailuresPage />;
      case "tickets":
        return <AdminTicketsPage route={route} />;
      default:
        return <WorkflowsPage />;
    }
  }
  if (first === undefined) {
    return identity.admin ? <WorkflowsPage /> : <ListPage kind="todo" route={route} />;
  }
  if (!identity.admin) {
    if (first === "start") {
      return <StartPage route={route} />;
    }
    if (USER_LISTS.includes(first as ListKind)) {
      return <ListPage kind={first as ListKind} route={route} />;
    }
  }
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return <h1>{t("app.notFound")}</h1>;
}
