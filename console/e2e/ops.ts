import type { Locator, Page } from "playwright-core";

/**
 * The administration-operations steps of the browser scenario: granting a workflow to a caller application through
 * the Caller apps page, and a walk through every ops page and tab. The admin must be signed in.
 */

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Waits until `locator` is visible, or fails saying what the user did not see. */
async function see(locator: Locator, what: string, timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: "visible", timeout });
  } catch (error) {
    throw new Error(`Expected to see ${what}, but it did not appear: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Waits until no "Loading…" indicator is left on the page. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector(".loading"), undefined, { timeout: 15_000 });
}

async function openFromSidebar(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: link, exact: true }).click();
  await see(page.getByRole("heading", { level: 1, name: heading, exact: true }), `the "${heading}" page`);
}

/**
 * Opens the Caller apps page, edits application `appId`, ticks the grant of `workflowKey` (a workflow that exists),
 * saves, and checks that the grant is listed in the application's row.
 */
export async function grantWorkflow(page: Page, appId: string, workflowKey: string): Promise<void> {
  await openFromSidebar(page, "Caller apps", "Caller applications");
  const edit = page.getByRole("button", { name: `Edit ${appId}`, exact: true });
  await see(edit, `the application ${appId} in the list`);
  await edit.click();
  const dialog = page.getByRole("dialog", { name: `Edit application ${appId}` });
  await see(dialog, `the dialog editing ${appId}`);
  const all = dialog.getByRole("checkbox", { name: /Grant every workflow/ });
  if (await all.isChecked()) {
    throw new Error(`Expected ${appId} to be granted workflows one by one, but it is granted every workflow (*)`);
  }
  const box = dialog.getByRole("checkbox", { name: new RegExp(`\\(${escaped(workflowKey)}\\)$`) });
  await see(box, `the workflow ${workflowKey} among the grants to choose`);
  if (!(await box.isChecked())) {
    await box.check();
  }
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  try {
    await dialog.waitFor({ state: "hidden", timeout: 15_000 });
  } catch {
    const refusal = await dialog.getByRole("alert").allInnerTexts().catch(() => []);
    throw new Error(`Expected saving ${appId} to succeed, but the dialog stayed open: ${refusal.join(" / ") || "no message"}`);
  }
  await see(page.getByRole("status").filter({ hasText: `Application ${appId} saved.` }), `the note that ${appId} was saved`);
  const grants = page.getByRole("list", { name: `Workflows granted to ${appId}`, exact: true });
  await see(grants.getByRole("listitem").filter({ hasText: new RegExp(`^${escaped(workflowKey)}$`) }),
    `${workflowKey} listed among the workflows granted to ${appId}`);
}

/** Opens every ops page and directory tab, as a user would through the sidebar and the tabs, and photographs each. */
export async function visitOpsPages(page: Page, shot: (name: string) => Promise<void>): Promise<void> {
  await openFromSidebar(page, "Directory", "Directory");
  const tabs = page.getByRole("navigation", { name: "Directory sections" });
  const tab = async (name: string, ready: Locator, what: string, file: string) => {
    await tabs.getByRole("link", { name, exact: true }).click();
    await see(ready, what);
    await settled(page);
    await shot(file);
  };
  await tab("Users", page.getByRole("table", { name: /^Users: / }).getByRole("row").nth(1), "the users table with users", "directory-users");
  await tab("Departments", page.getByRole("list", { name: "Department tree" }), "the department tree", "directory-departments");
  await tab("Roles", page.getByRole("table", { name: /^Roles: / }), "the roles table", "directory-roles");
  await tab("Delegations", page.getByRole("table", { name: /^Delegations that have not ended/ }), "the delegations table", "directory-delegations");

  await openFromSidebar(page, "Caller apps", "Caller applications");
  await see(page.getByRole("table", { name: /^Applications: / }).getByRole("row").nth(1), "the applications table with applications");
  await settled(page);
  await shot("apps");

  await openFromSidebar(page, "Failures", "Failures");
  for (const section of ["Dead notifications", "Dead hook calls", "Events parked by the notification worker",
    "Events parked by the ticket-query projection"]) {
    await see(page.getByRole("region", { name: section, exact: true }), `the section "${section}"`);
  }
  await settled(page);
  await shot("failures");

  await openFromSidebar(page, "All tickets", "All tickets");
  await see(page.getByRole("table", { name: /^Tickets, page 1/ }), "the tickets table");
  await settled(page);
  await shot("tickets");
}
