import { useState } from "react";
import { Session, config as configApi } from "@baton/client";
import type { ConsoleConfig } from "./config";
import type { Identity } from "./session";
import { useI18n } from "./i18n";
import { useAction, useLoad } from "./hooks";
import { FailureNote, Labelled } from "./ui";

/**
 * Who the console acts as. With the standalone's demo applications: the administrator, or any active directory user
 * (listed through the admin application). Otherwise an application's id and secret and a user, checked with one
 * signed call before they are kept.
 */
export function SignIn({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn(identity: Identity): void }) {
  const { t } = useI18n();
  const admin = config.demoApps.find((a) => a.admin);
  const userApp = config.demoApps.find((a) => !a.admin);
  return (
    <main className="sign-in">
      <h1>{t("app.signIn.title")}</h1>
      {admin && userApp ? <DemoSignIn config={config} onSignedIn={onSignedIn} /> : null}
      <ManualSignIn config={config} onSignedIn={onSignedIn} open={!(admin && userApp)} />
    </main>
  );
}

function DemoSignIn({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn(identity: Identity): void }) {
  const { t } = useI18n();
  const admin = config.demoApps.find((a) => a.admin)!;
  const userApp = config.demoApps.find((a) => !a.admin)!;
  const users = useLoad(() => new Session(config.endpoints, admin.appId, admin.secret, "admin")
    .config(configApi.DirectoryApi).users({ active: true }), []);
  const [user, setUser] = useState("");
  const chosen = user || users.data?.[0]?.username || "";
  return (
    <section className="card" aria-labelledby="demo-sign-in">
      <p id="demo-sign-in">{t("app.signIn.demo")}</p>
      <div className="sign-in-choices">
        <div>
          <h2>{t("app.signIn.asAdmin")}</h2>
          <p className="hint">{t("app.signIn.adminHint", { app: admin.appId })}</p>
          <button type="button" className="primary"
                  onClick={() => onSignedIn({ appId: admin.appId, secret: admin.secret, user: "admin", admin: true })}>
            {t("app.signIn.asAdmin")}
          </button>
        </div>
        <form onSubmit={(e) => {
          e.preventDefault();
          if (chosen) {
            onSignedIn({ appId: userApp.appId, secret: userApp.secret, user: chosen, admin: false });
          }
        }}>
          <h2>{t("app.signIn.asUser")}</h2>
          <p className="hint">{t("app.signIn.userHint", { app: userApp.appId })}</p>
          <Labelled label={t("app.signIn.user")}>{(id) => (
            <select id={id} value={chosen} onChange={(e) => setUser(e.target.value)} disabled={!users.data}>
              {(users.data ?? []).map((u) => (
                <option key={u.username} value={u.username}>{u.name ? `${u.name} (${u.username})` : u.username}</option>
              ))}
            </select>
          )}</Labelled>
          <FailureNote failure={users.failure} />
          <button type="submit" className="primary" disabled={!chosen}>{t("app.signIn.go")}</button>
        </form>
      </div>
    </section>
  );
}

function ManualSignIn({ config, onSignedIn, open }: { config: ConsoleConfig; onSignedIn(identity: Identity): void; open: boolean }) {
  const { t } = useI18n();
  const [appId, setAppId] = useState("");
  const [secret, setSecret] = useState("");
  const [user, setUser] = useState("");
  const [admin, setAdmin] = useState(false);
  const check = useAction();
  return (
    <details className="card" open={open}>
      <summary>{t("app.signIn.manual")}</summary>
      <p className="hint">{t("app.signIn.manualHint")}</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        const identity = { appId: appId.trim(), secret, user: user.trim(), admin };
        // one signed read proves the id, the secret and, for the admin application, its rights
        const session = new Session(config.endpoints, identity.appId, identity.secret, identity.user);
        const ok = await check.run(() => session.config(configApi.WorkflowsApi).listWorkflows());
        if (ok !== undefined) {
          onSignedIn(identity);
        }
      }}>
        <Labelled label={t("app.signIn.appId")}>{(id) => <input id={id} required value={appId} onChange={(e) => setAppId(e.target.value)} />}</Labelled>
        <Labelled label={t("app.signIn.secret")}>{(id) => <input id={id} required type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />}</Labelled>
        <Labelled label={t("app.signIn.user")}>{(id) => <input id={id} required value={user} onChange={(e) => setUser(e.target.value)} />}</Labelled>
        <label className="check"><input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} /> {t("app.signIn.adminApp")}</label>
        <FailureNote failure={check.failure} />
        <button type="submit" disabled={check.busy}>{check.busy ? t("app.signIn.check") : t("app.signIn.go")}</button>
      </form>
    </details>
  );
}
