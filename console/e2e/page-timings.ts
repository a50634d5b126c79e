import { afterAll, beforeAll, it } from "vitest";
import type { Page } from "playwright-core";
import { command, connect, retrying } from "../../clients/typescript/src";
import { DEMO_APP, DEMO_SECRET } from "../../clients/typescript/test/standalone";
import { signInAs, signInAsAdmin, startConsole, type ConsoleUnderTest } from "./harness";

/**
 * How long each console page takes to show its content on the demo data, in a real Chromium against a fresh
 * standalone: `bench/run.sh console-pages [rounds]` (or BATON_PAGE_TIMINGS=<rounds> npm run e2e). A page counts as
 * shown when its heading is visible and no loading indicator is left on it. Prints each page's median and worst of
 * `rounds` visits (the first visit of each page, which loads the bundle and warms the services, is left out).
 * A benchmark, not a test: it asserts nothing about time.
 */
const ROUNDS = Number(process.env.BATON_PAGE_TIMINGS ?? "5");
let c: ConsoleUnderTest;

beforeAll(async () => { c = await startConsole(); });
afterAll(async () => { await c?.stop(); });

async function timeTo(page: Page, hash: string): Promise<number> {
  const started = performance.now();
  await page.evaluate((target) => { window.location.hash = target; }, hash);
  await page.locator("main h1").first().waitFor({ state: "visible" });
  // the shared loading indicator (ui.tsx's Loading), wherever a page shows one
  await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
  return performance.now() - started;
}

async function measure(page: Page, pages: Record<string, string>, out: Record<string, number[]>) {
  for (const [name, hash] of Object.entries(pages)) {
    await timeTo(page, "#/elsewhere"); // leave the page (for one that shows "No such page"), then come back to it
    await timeTo(page, hash);
    for (let round = 0; round < ROUNDS; round++) {
      await timeTo(page, "#/elsewhere");
      (out[name] ??= []).push(await timeTo(page, hash));
    }
  }
}

it("times every page", async () => {
  const times: Record<string, number[]> = {};
  const admin = await c.page();
  await signInAsAdmin(admin, c.url);
  await measure(admin, {
    "admin: workflows": "#/admin/workflows",
    "admin: designer (leave-request)": "#/admin/workflows/leave-request",
    "admin: directory": "#/admin/directory",
    "admin: caller apps": "#/admin/apps",
    "admin: failures": "#/admin/failures",
    "admin: all tickets": "#/admin/tickets",
  }, times);
  // a ticket alice started and lena approved, for the heaviest user page: detail, steps, flow log and diagram
  const baton = connect(c.standalone.endpoints, DEMO_APP, DEMO_SECRET);
  const created = await retrying(() => baton.as("alice").commands(command.TicketsCreateApi).createTicket({
    createTicketRequest: { workflow: "leave-request", title: "Timed", fields: { days: 2, reason: "timing" }, transition: "submit" },
  }));
  const user = await c.page();
  await signInAs(user, c.url, "alice");
  await measure(user, {
    "user: a ticket": `#/tickets/${created.ticketId}`,
    "user: to do": "#/todo",
    "user: related": "#/related",
    "user: created": "#/created",
    "user: cc": "#/cc",
    "user: start": "#/start",
  }, times);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\npage timings over ${ROUNDS} visits each (ms, until the heading shows and nothing is loading):`);
  for (const [name, xs] of Object.entries(times)) {
    console.log(`  ${name.padEnd(34)} median ${median(xs).toFixed(0).padStart(5)}   worst ${Math.max(...xs).toFixed(0).padStart(5)}`);
  }
}, 600_000);
