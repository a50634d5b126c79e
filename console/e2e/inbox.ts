import type { Locator, Page } from "playwright-core";

/**
 * The inbox pages' scenario steps, driven through the UI as a user goes through them (role and label selectors; the
 * console in English). Each step waits for what it needs and throws an Error naming what was not seen.
 */

const CONSOLE_NAV = "Console";
/** How many times a list or a ticket is refreshed while waiting for another user's write to show (read side lag). */
const REFRESHES = 10;

async function openNav(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: CONSOLE_NAV }).getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
}

async function seen(locator: Locator, timeout: number): Promise<boolean> {
  try {
    await locator.first().waitFor({ state: "visible", timeout });
    return true;
  } catch {
    return false;
  }
}

/** Waits for `locator`, pressing the page's Refresh button between tries (the read side may lag another user's write). */
async function waitRefreshing(page: Page, locator: Locator, what: string): Promise<void> {
  for (let attempt = 0; attempt <= REFRESHES; attempt++) {
    if (await seen(locator, attempt === 0 ? 5_000 : 2_000)) {
      return;
    }
    const refresh = page.getByRole("button", { name: "Refresh", exact: true });
    await refresh.click();
    await refresh.and(page.locator(":enabled")).waitFor();
  }
  throw new Error(`Expected to see ${what}, but it did not show after ${REFRESHES} refreshes`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A start-form control by its label (exactly, then ignoring case), or by the field's key. */
async function control(form: Locator, label: string): Promise<Locator> {
  const exact = form.getByLabel(label, { exact: true });
  if (await exact.count() > 0) {
    return exact.first();
  }
  const loose = form.getByLabel(new RegExp(`^\\s*${escapeRegExp(label)}\\s*\\*?\\s*$`, "i"));
  if (await loose.count() > 0) {
    return loose.first();
  }
  const byKey = form.locator(`[data-field="${label.replace(/"/g, '\\"')}"]`);
  if (await byKey.count() > 0) {
    return byKey.first();
  }
  const group = form.getByRole("group", { name: label });
  if (await group.count() > 0) {
    return group.first();
  }
  throw new Error(`Expected a field labelled "${label}" in the start form, but there is none`);
}

async function fill(field: Locator, value: string): Promise<void> {
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  const type = await field.evaluate((el) => (el as HTMLInputElement).type ?? "");
  if (tag === "select") {
    await field.selectOption({ label: value }).catch(() => field.selectOption(value));
  } else if (tag === "fieldset") {
    const wanted = value.split(",").map((v) => v.trim()).filter(Boolean);
    for (const option of wanted) {
      await field.getByLabel(option, { exact: true }).check();
    }
  } else if (type === "checkbox") {
    await field.setChecked(/^(true|yes|on|1)$/i.test(value.trim()));
  } else {
    await field.fill(value);
  }
}

/** The ticket id in the page's address (#/tickets/<id>?v=...). */
function ticketIdOf(url: string): string {
  const match = /#\/tickets\/([^?]+)/.exec(url);
  if (!match) {
    throw new Error(`Expected a ticket page's address, but the page is at ${url}`);
  }
  return decodeURIComponent(match[1]);
}

/**
 * Starts a ticket as the signed-in user: opens Start a ticket, picks the workflow by name, fills the generated form
 * (fields by label), submits it along the start state's first transition, checks the ticket page shows the title,
 * and returns the new ticket's id.
 */
export async function startTicket(page: Page, workflowName: string, title: string, fields: Record<string, string>): Promise<string> {
  await openNav(page, "Start a ticket");
  const workflow = page.getByRole("link", { name: workflowName, exact: true });
  if (!await seen(workflow, 10_000)) {
    throw new Error(`Expected workflow "${workflowName}" among the workflows to start, but it is not listed`);
  }
  await workflow.click();
  const form = page.getByRole("region", { name: workflowName }).locator("form");
  const titleInput = form.getByLabel("Title", { exact: true });
  await titleInput.waitFor();
  await titleInput.fill(title);
  for (const [label, value] of Object.entries(fields)) {
    await fill(await control(form, label), value);
  }
  // the start state's first transition submits at once; a start state without one can only save a draft
  const submit = form.locator('button[type="submit"]');
  await (await submit.count() > 0 ? submit : form.getByRole("button", { name: "Save as draft", exact: true })).click();
  const heading = page.getByRole("heading", { level: 1, name: title, exact: true });
  const refused = page.getByRole("alert");
  await heading.or(refused).first().waitFor();
  if (!await heading.isVisible()) {
    throw new Error(`Expected the new ticket's page, but the form says: ${(await refused.allTextContents()).join(" ")}`);
  }
  await page.getByRole("heading", { name: "Flow log" }).waitFor();
  return ticketIdOf(page.url());
}

/**
 * As the approver: opens To do, checks the ticket titled `title` is listed, opens it, accepts it first when the page
 * offers Accept, takes the transition named `transitionName` (or with that key), and checks the page then shows the
 * ticket in another state.
 */
export async function approveFromTodo(page: Page, title: string, transitionName: string): Promise<void> {
  await openNav(page, "To do");
  const link = page.getByRole("table", { name: "To do" }).getByRole("link", { name: title, exact: true });
  await waitRefreshing(page, link, `"${title}" in the To do list`);
  await link.first().click();
  await page.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
  const decide = page.getByRole("group", { name: "Decide" });
  const accept = page.getByRole("button", { name: "Accept", exact: true });
  if (!await seen(decide.or(accept), 10_000)) {
    throw new Error(`Expected the ticket "${title}" to offer its approver a decision or Accept, but it offers neither`);
  }
  if (await accept.isVisible()) {
    await accept.click();
    if (!await seen(decide, 10_000)) {
      throw new Error(`Expected the transitions once "${title}" was accepted, but they did not show`);
    }
  }
  const stateBefore = (await page.getByTestId("ticket-state").textContent())?.trim() ?? "";
  let button = decide.getByRole("button", { name: transitionName, exact: true });
  if (await button.count() === 0) {
    button = decide.locator(`button[data-transition="${transitionName.replace(/"/g, '\\"')}"]`);
  }
  if (await button.count() === 0) {
    const offered = await decide.getByRole("button").allTextContents();
    throw new Error(`Expected a transition "${transitionName}" on "${title}", but it offers: ${offered.join(", ")}`);
  }
  const name = (await button.first().textContent())?.trim() ?? transitionName;
  await button.first().click();
  const dialog = page.getByRole("dialog", { name });
  await dialog.waitFor();
  await dialog.getByRole("button", { name, exact: true }).click();
  const done = page.getByRole("status").filter({ hasText: `Done: ${name}` });
  const refused = dialog.getByRole("alert");
  await done.or(refused).first().waitFor();
  if (await refused.count() > 0 && await refused.first().isVisible()) {
    throw new Error(`Expected "${name}" to be taken, but it was refused: ${(await refused.allTextContents()).join(" ")}`);
  }
  const state = page.getByTestId("ticket-state");
  try {
    await state.filter({ hasNotText: new RegExp(`^\\s*${escapeRegExp(stateBefore)}\\s*$`) }).waitFor();
  } catch {
    throw new Error(`Expected "${title}" to leave state "${stateBefore}" after "${name}", but it still shows "${await state.textContent()}"`);
  }
}

/**
 * Opens the ticket and checks it ended: its status says finished, every step is done, the flow log has at least
 * `expectedLogActions` entries, and one entry's snapshot opens and closes.
 */
export async function assertEnded(page: Page, ticketId: string, expectedLogActions: number): Promise<void> {
  await page.evaluate((id) => { window.location.hash = `#/tickets/${encodeURIComponent(id)}`; }, ticketId);
  const status = page.getByTestId("ticket-status");
  await status.waitFor();
  await waitRefreshing(page, status.filter({ hasText: /finished|ended/i }), `ticket ${ticketId} finished`);
  const steps = page.getByRole("list", { name: "Steps" }).getByRole("listitem");
  await steps.first().waitFor();
  const progress = await steps.evaluateAll((items) => items.map((li) => li.getAttribute("data-progress") ?? ""));
  if (progress.length === 0 || progress.some((p) => p !== "done")) {
    throw new Error(`Expected every step of ticket ${ticketId} done, but the step bar shows: ${progress.join(", ")}`);
  }
  const log = page.getByRole("table", { name: "Flow log" });
  await log.waitFor();
  const rows = log.locator("tbody tr");
  const count = await rows.count();
  if (count < expectedLogActions) {
    throw new Error(`Expected at least ${expectedLogActions} flow log entries for ticket ${ticketId}, but there are ${count}`);
  }
  await log.getByRole("button", { name: /^View the ticket after entry/ }).last().click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await dialog.getByRole("heading", { name: "Fields" }).waitFor();
  await dialog.getByRole("button", { name: "Close", exact: true }).last().click();
  await dialog.waitFor({ state: "detached" });
}

/** Opens each list, the start page and its form, and a ticket page with a snapshot, photographing each. */
export async function visitInboxPages(page: Page, shot: (name: string) => Promise<void>): Promise<void> {
  const lists: [string, string][] = [["To do", "todo"], ["Related", "related"], ["Created by me", "created"], ["CC'd to me", "cc"]];
  for (const [name, file] of lists) {
    await page.getByRole("navigation", { name: CONSOLE_NAV }).getByRole("link", { name, exact: true }).click();
    await page.getByRole("search", { name: "Filter tickets" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Loading" }).waitFor({ state: "detached" });
    await shot(`list-${file}`);
  }
  await openNav(page, "Start a ticket");
  const first = page.getByRole("region", { name: "Choose a workflow" }).getByRole("link").first();
  await first.waitFor();
  await shot("start");
  await first.click();
  await page.getByLabel("Title", { exact: true }).waitFor();
  await shot("start-form");
  await openNav(page, "Related");
  const ticket = page.getByRole("table", { name: "Related" }).getByRole("link").first();
  if (await seen(ticket, 10_000)) {
    await ticket.click();
    await page.getByRole("table", { name: "Flow log" }).waitFor();
    await shot("ticket");
    await page.getByRole("table", { name: "Flow log" }).getByRole("button", { name: /^View the ticket after entry/ }).first().click();
    await page.getByRole("dialog").waitFor();
    await shot("ticket-snapshot");
    await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).last().click();
  }
}
