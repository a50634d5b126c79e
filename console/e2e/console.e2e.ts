import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  accessibilityViolations, shot, signInAs, signInAsAdmin, startConsole, type ConsoleUnderTest, type Violation,
} from "./harness";
import { drawTwoStepWorkflow, visitDesignerPages } from "./designer";
import { grantWorkflow, visitOpsPages } from "./ops";
import { approveFromTodo, assertEnded, startTicket, visitInboxPages } from "./inbox";

/**
 * The console in a real browser against a running standalone, as its users go through it: an admin draws a two-step
 * workflow, sees a validation problem on a node, fixes it and publishes; grants it to the demo application; a user
 * starts a ticket from the generated form; the approver finds it in the todo list and approves; the creator sees the
 * flow log and the ended state. Every page is photographed into target/e2e-screenshots and checked against the WCAG 2
 * A and AA rules (axe-core).
 */
let console_: ConsoleUnderTest;
const workflow = { key: "purchase-approval", name: "Purchase approval" };
let ticketId = "";

beforeAll(async () => {
  console_ = await startConsole();
});

afterAll(async () => {
  await console_?.stop();
});

describe("the web console", () => {
  it("serves the page and its configuration from workflow-config", async () => {
    const config = await (await fetch(new URL("config.json", console_.url))).json();
    expect(config.endpoints["ticket-command"]).toMatch(/^:\d+$/);
    expect(config.demoApps.map((a: { appId: string }) => a.appId)).toEqual(["admin-console", "demo-oa"]);
  });

  it("lets an admin draw a two-step workflow, see a problem on its node, fix it and publish it", async () => {
    const page = await console_.page();
    await signInAsAdmin(page, console_.url);
    await drawTwoStepWorkflow(page, workflow.key, workflow.name);
    await shot(page, "designer-published");
    await grantWorkflow(page, "demo-oa", workflow.key);
    await shot(page, "apps-granted");
  });

  it("lets a user start a ticket from the generated form", async () => {
    const page = await console_.page();
    await signInAs(page, console_.url, "alice");
    ticketId = await startTicket(page, workflow.name, "New laptop", { days: "3", reason: "The old one broke" });
    expect(ticketId).not.toBe("");
    await shot(page, "ticket-started");
  });

  it("shows the ticket in the approver's todo list and lets the approver approve it", async () => {
    const page = await console_.page();
    await signInAs(page, console_.url, "lena");
    await approveFromTodo(page, "New laptop", "agree");
    await shot(page, "ticket-approved");
  });

  it("shows the creator the flow log and the ended state", async () => {
    const page = await console_.page();
    await signInAs(page, console_.url, "alice");
    await assertEnded(page, ticketId, 2);
    await shot(page, "ticket-ended");
  });

  it("photographs every page, for admins and for users, and none breaks a serious accessibility rule", async () => {
    const broken: (Violation & { page: string })[] = [];
    const check = (page: Page, prefix: string) => async (name: string) => {
      await shot(page, `${prefix}-${name}`);
      broken.push(...(await accessibilityViolations(page)).map((v) => ({ page: `${prefix}-${name}`, ...v })));
    };
    const admin = await console_.page();
    await admin.goto(console_.url);
    await admin.evaluate(() => sessionStorage.clear());
    await admin.reload();
    await admin.getByRole("heading", { name: "Sign in to Baton" }).waitFor();
    await check(admin, "signed-out")("sign-in");
    await signInAsAdmin(admin, console_.url);
    await visitDesignerPages(admin, workflow.key, check(admin, "admin"));
    await visitOpsPages(admin, check(admin, "admin"));
    const user = await console_.page();
    await signInAs(user, console_.url, "alice");
    await visitInboxPages(user, check(user, "user"));
    expect(broken).toEqual([]);
  });

  it("speaks Chinese", async () => {
    const page = await console_.page("zh");
    await page.goto(console_.url);
    await page.getByRole("heading", { name: "登录 Baton" }).waitFor();
    await page.getByRole("button", { name: "管理员" }).click();
    await page.getByRole("link", { name: "工作流" }).waitFor();
    await shot(page, "zh-workflows");
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
