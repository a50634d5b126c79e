import type { Endpoints } from "@baton/client";

/** A caller application the demo console may sign with (only the standalone lists any). */
export interface DemoApp {
  appId: string;
  secret: string;
  admin: boolean;
}

/** What workflow-config serves at /console/config.json. */
export interface ConsoleConfig {
  endpoints: Endpoints;
  demoApps: DemoApp[];
}

interface ServedConfig {
  endpoints: Record<string, string>;
  demoApps?: DemoApp[];
}

/**
 * A service's base URL as the page must call it: "" is the page's own origin, ":8082" a port on the page's own host
 * (the standalone's form, right whether the page was opened as localhost or 127.0.0.1), anything else as given.
 */
export function resolveEndpoint(value: string | undefined, page: { protocol: string; hostname: string; origin: string }): string {
  const given = (value ?? "").trim();
  if (given === "") {
    return page.origin;
  }
  if (/^:\d+$/.test(given)) {
    const host = page.hostname.includes(":") ? `[${page.hostname}]` : page.hostname;
    return `${page.protocol}//${host}${given}`;
  }
  return given.replace(/\/+$/, "");
}

export function resolveConfig(served: ServedConfig, page: { protocol: string; hostname: string; origin: string }): ConsoleConfig {
  const at = (service: string) => resolveEndpoint(served.endpoints?.[service], page);
  return {
    endpoints: {
      workflowConfig: at("workflow-config"),
      ticketCommand: at("ticket-command"),
      ticketQuery: at("ticket-query"),
      notificationWorker: at("notification-worker"),
    },
    demoApps: served.demoApps ?? [],
  };
}

/** Reads config.json beside the page. */
export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch("config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`config.json answered ${response.status}`);
  }
  const page = window.location;
  const origin = page.origin;
  // the page's origin is that of workflow-config when no other is given
  return resolveConfig(await response.json(), { protocol: page.protocol, hostname: page.hostname, origin });
}
