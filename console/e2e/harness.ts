import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startStandalone, type Running } from "../../clients/typescript/test/standalone";

/**
 * One standalone (the built jar, run as its own process on free ports) and Debian's headless Chromium driven by
 * playwright-core, which never downloads a browser: CHROMIUM names another binary.
 */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = fileURLToPath(new URL("../target/e2e-screenshots/", import.meta.url));

/** Without the background-networking flags Chromium keeps reaching for hosts a closed network refuses. */
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export interface ConsoleUnderTest {
  /** The console's address, as the standalone's banner prints it. */
  url: string;
  standalone: Running;
  browser: Browser;
  /** A fresh browser context (its own session storage) with a page on a laptop-sized screen, in English. */
  page(lang?: "en" | "zh"): Promise<Page>;
  stop(): Promise<void>;
}

export async function startConsole(): Promise<ConsoleUnderTest> {
  const standalone = await startStandalone();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  } catch (error) {
    await standalone.stop();
    throw new Error(`Could not start ${CHROMIUM} (apt-get install chromium): ${error}`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  const url = `${standalone.endpoints.workflowConfig.replace("127.0.0.1", "localhost")}/console/`;
  return {
    url,
    standalone,
    browser,
    async page(lang = "en") {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addInitScript((language) => localStorage.setItem("baton.lang", language), lang);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async stop() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close().catch(() => undefined);
      await standalone.stop();
    },
  };
}

/** Opens the console signed out and signs in as the demo administrator. */
export async function signInAsAdmin(page: Page, url: string): Promise<void> {
  await openSignedOut(page, url);
  await page.getByRole("button", { name: "Administrator" }).click();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Workflows" }).waitFor();
}

/** Opens the console signed out and signs in as a directory user through the demo caller application. */
export async function signInAs(page: Page, url: string, user: string): Promise<void> {
  await openSignedOut(page, url);
  const picker = page.getByLabel("User", { exact: true }).first();
  await picker.locator(`option[value="${user}"]`).waitFor({ state: "attached" });
  await picker.selectOption(user);
  await page.getByRole("button", { name: "Sign in", exact: true }).first().click();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "To do" }).waitFor();
}

async function openSignedOut(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(url);
  await page.getByRole("heading", { name: "Sign in to Baton" }).waitFor();
}

/** A full-page screenshot kept under target/e2e-screenshots (the test run's artefacts). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** A rule the page breaks, as axe-core reports it: the rule, how bad, and where. */
export interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * The WCAG 2 A and AA rules the page as it is now breaks with a serious or critical impact, checked by axe-core
 * (injected from node_modules; nothing is fetched).
 */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: {
      id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
}
