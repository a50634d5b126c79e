import type { Locator, Page } from "playwright-core";

/**
 * The designer's scenario steps, through the UI as an admin uses it (role and label selectors; every wait is for
 * something the user must see, with a clear error when it does not show).
 */

const WAIT = 15_000;

async function see(locator: Locator, what: string, timeout = WAIT): Promise<void> {
  try {
    await locator.first().waitFor({ state: "visible", timeout });
  } catch {
    throw new Error(`Expected to see ${what}, but it did not show within ${timeout / 1000}s`);
  }
}

async function gone(locator: Locator, what: string, timeout = WAIT): Promise<void> {
  try {
    await locator.first().waitFor({ state: "hidden", timeout });
  } catch {
    throw new Error(`Expected ${what} to go away, but it was still shown after ${timeout / 1000}s`);
  }
}

/** The problem marker of a state's node: "1 problem", "2 problems". */
function problemMarker(page: Page, state: string): Locator {
  return page.getByTestId(`state-${state}`).getByRole("img", { name: /^\d+ problems?$/ });
}

async function openWorkflows(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Workflows" }).click();
  await see(page.getByRole("heading", { name: "Workflows", level: 1 }), "the Workflows page");
}

async function addField(inspector: Locator, key: string, label: string, type: string): Promise<void> {
  await inspector.getByLabel("New field key").fill(key);
  await inspector.getByLabel("New field label").fill(label);
  await inspector.getByLabel("New field type").selectOption(type);
  await inspector.getByRole("button", { name: "Add field" }).click();
  await see(inspector.getByRole("group", { name: new RegExp(`^Field \\d+: ${key}$`) }), `the field ${key} in the workflow settings`);
}

async function selectState(page: Page, inspector: Locator, key: string, name: string): Promise<void> {
  await page.getByTestId(`state-${key}`).click();
  await see(inspector.getByRole("heading", { name: `State: ${name}` }), `the inspector of state ${key}`);
}

/**
 * Creates workflow `key` and draws it in the designer: fields days (INTEGER) and reason (TEXT); states start (START),
 * approve (NORMAL, handled by lena) and done (END); transitions submit (start -> approve) and agree
 * (approve -> done), both AGREE. On the way `approve` has no participants: the problem shows on its node, and goes
 * once lena is set in the inspector. Then it publishes and checks that version 1 is shown.
 */
export async function drawTwoStepWorkflow(page: Page, key: string, name: string): Promise<void> {
  await openWorkflows(page);
  await page.getByRole("button", { name: "New workflow" }).click();
  const create = page.getByRole("dialog", { name: "New workflow" });
  await create.getByLabel("Key").fill(key);
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create" }).click();

  // The new draft: a start state and an end state with a Submit transition between them.
  await see(page.getByRole("heading", { name, level: 1 }), `the designer of ${name}`);
  await see(page.getByTestId("state-start"), "the start state on the diagram");
  await see(page.getByTestId("state-done"), "the done state on the diagram");
  const inspector = page.getByRole("region", { name: "Inspector" });
  await see(inspector.getByRole("heading", { name: "Workflow settings" }), "the workflow settings in the inspector");

  await addField(inspector, "days", "Days", "INTEGER");
  await addField(inspector, "reason", "Reason", "TEXT");

  // The approve state, for now without participants.
  await page.getByRole("button", { name: "Add state" }).click();
  const addState = page.getByRole("dialog", { name: "Add state" });
  await addState.getByLabel("Key").fill("approve");
  await addState.getByLabel("Name").fill("Approve");
  await addState.getByLabel("Type").selectOption("NORMAL");
  await addState.getByRole("button", { name: "Add", exact: true }).click();
  await see(page.getByTestId("state-approve"), "the approve state on the diagram");

  // Submit leads to approve; agree leads from approve to done.
  await page.getByRole("button", { name: /^Transition Submit \(submit\)/ }).click();
  await see(inspector.getByRole("heading", { name: "Transition: Submit" }), "the inspector of transition submit");
  await inspector.getByLabel("To", { exact: true }).selectOption("approve");
  await page.getByRole("button", { name: "Add transition" }).click();
  const addTransition = page.getByRole("dialog", { name: "Add transition" });
  await addTransition.getByLabel("From").selectOption("approve");
  await addTransition.getByLabel("To", { exact: true }).selectOption("done");
  await addTransition.getByLabel("Key").fill("agree");
  await addTransition.getByLabel("Name").fill("Agree");
  await addTransition.getByLabel("Kind").selectOption("AGREE");
  await addTransition.getByRole("button", { name: "Add", exact: true }).click();
  await see(page.getByRole("button", { name: /^Transition Agree \(agree\)/ }), "the agree transition on the diagram");

  // The creator fills days and reason at the start.
  await selectState(page, inspector, "start", "Start");
  await inspector.getByLabel("Days (days)").selectOption("REQUIRED");
  await inspector.getByLabel("Reason (reason)").selectOption("OPTIONAL");

  // Validation finds that approve has nobody to handle it, and says so on its node and in the inspector.
  await see(problemMarker(page, "approve"), "a problem marker on the approve node");
  await selectState(page, inspector, "approve", "Approve");
  await see(inspector.getByRole("group", { name: "Problems here" }).getByText(/participant/i), "the approve state's problem in the inspector");

  // Lena handles approve; the fields are read-only there.
  await inspector.getByLabel("Participant rule").selectOption("USER");
  await inspector.getByLabel("Values").fill("lena");
  await inspector.getByLabel("Days (days)").selectOption("READ_ONLY");
  await inspector.getByLabel("Reason (reason)").selectOption("READ_ONLY");
  await gone(problemMarker(page, "approve"), "the problem marker on the approve node");
  await see(page.getByRole("group", { name: "Draft actions" }).getByText("Valid", { exact: true }), "the draft marked valid");

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await see(page.getByRole("status").filter({ hasText: "Published version 1." }), "the message that version 1 was published");
  await see(page.locator(".page-header").getByText("Version 1", { exact: true }), "version 1 in the page header");
}

/** Opens the list, the designer, the versions view and the dry-run view of `key`, photographing each. */
export async function visitDesignerPages(page: Page, key: string, shot: (name: string) => Promise<void>): Promise<void> {
  await openWorkflows(page);
  const row = page.getByRole("row").filter({ has: page.getByText(key, { exact: true }) });
  await see(row, `the workflow ${key} in the list`);
  await shot("workflows");

  await row.getByRole("link").click();
  const diagram = page.getByRole("figure").first();
  await see(diagram.locator("[data-testid^='state-']"), "the workflow's diagram");
  await shot("designer");

  await page.getByRole("navigation", { name: "Workflow views" }).getByRole("link", { name: "Versions" }).click();
  await see(page.getByRole("button", { name: "View version 1" }), "the list of versions");
  await see(page.getByRole("figure").first().locator("[data-testid^='state-']"), "the version's diagram");
  await shot("versions");

  await page.getByRole("navigation", { name: "Workflow views" }).getByRole("link", { name: "Dry run" }).click();
  await see(page.getByLabel("Creator (username)"), "the dry-run form");
  await page.getByLabel("Creator (username)").fill("alice");
  const days = page.getByLabel(/^Days \(INTEGER\)$/);
  if (await days.count()) {
    await days.fill("3");
  }
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await see(page.getByRole("heading", { name: /^Path/ }), "the dry run's path");
  await shot("dryrun");
}
