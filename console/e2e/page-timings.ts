import { afterAll, beforeAll, it } from "vitest";
import type { Page } from "playwright-core";
import { signInAs, signInAsAdmin, startConsole, type ConsoleUnderTest } from "./harness";

/**
 * How long each console page takes to show its content on the demo data, in a real Chromium against a fresh
 * standalone: `bench/run.sh console-pages [rounds]` (or BATON_PAGE_TIMINGS=<rounds> npm run e2e). A page counts as
 * shown when its heading is visible and nothing on it says it is loading. Prints each page's median and worst of
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
  await page.waitForFunction(() => {
    const busy = Array.from(document.querySelectorAll('[role="status"], [aria-busy="true"]'));
    return busy.every((element) => (element as HTMLElement).offsetParent === null);
  });
  return performance.now() - started;
}

async function measure(page: Page, pages: Record<string, string>, out: Record<string, number[]>) {
  for (const [name, hash] of Object.entries(pages)) {
    await timeTo(page, "#/"); // leave the page, then come back to it fresh
    await timeTo(page, hash);
    for (let round = 0; round < ROUNDS; round++) {
      await timeTo(page, "#/");
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
  const user = await c.page();
  await signInAs(user, c.url, "alice");
  await measure(user, {
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
