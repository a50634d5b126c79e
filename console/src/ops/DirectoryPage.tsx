import { config } from "@baton/client";
import { useBaton } from "../app/session";
import { useLoad } from "../app/hooks";
import { useI18n } from "../app/i18n";
import { FailureNote, Loading, PageHeader } from "../app/ui";
import { Link, parseRoute, type Route } from "../app/router";
import { PATH, type Directory } from "./directoryShared";
import { UsersTab } from "./UsersTab";
import { DepartmentsTab } from "./DepartmentsTab";
import { RolesTab } from "./RolesTab";
import { DelegationsTab } from "./DelegationsTab";
import { DIRECTORY_TABS, directoryTab } from "./directory";


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

