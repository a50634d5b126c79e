import { describe, expect, it } from "vitest";
import { resolveConfig, resolveEndpoint } from "./config";
import { href, parseRoute } from "./router";
import { translate, dictionary } from "./i18n";

const page = { protocol: "http:", hostname: "127.0.0.1", origin: "http://127.0.0.1:8081" };

describe("where the services are", () => {
  it("takes an empty endpoint as the page's own origin", () => {
    expect(resolveEndpoint("", page)).toBe("http://127.0.0.1:8081");
    expect(resolveEndpoint(undefined, page)).toBe("http://127.0.0.1:8081");
  });

  it("puts a bare port on the page's own host, so localhost and 127.0.0.1 both work", () => {
    expect(resolveEndpoint(":8082", page)).toBe("http://127.0.0.1:8082");
    expect(resolveEndpoint(":8083", { protocol: "https:", hostname: "localhost", origin: "https://localhost:8081" }))
      .toBe("https://localhost:8083");
    expect(resolveEndpoint(":8084", { protocol: "http:", hostname: "::1", origin: "http://[::1]:8081" }))
      .toBe("http://[::1]:8084");
  });

  it("keeps a full URL, without a trailing slash", () => {
    expect(resolveEndpoint("https://baton.example.com/query/", page)).toBe("https://baton.example.com/query");
  });

  it("maps the served names onto the SDK's endpoints and keeps the demo applications", () => {
    const config = resolveConfig({ endpoints: { "ticket-command": ":9", "ticket-query": "https://q" },
      demoApps: [{ appId: "a", secret: "s", admin: true }] }, page);
    expect(config.endpoints).toEqual({ workflowConfig: "http://127.0.0.1:8081", ticketCommand: "http://127.0.0.1:9",
      ticketQuery: "https://q", notificationWorker: "http://127.0.0.1:8081" });
    expect(config.demoApps).toHaveLength(1);
    expect(resolveConfig({ endpoints: {} }, page).demoApps).toEqual([]);
  });
});

describe("routes", () => {
  it("reads the path, its decoded segments and the query from the hash", () => {
    const route = parseRoute("#/tickets/a%2Fb?tab=log");
    expect(route.path).toBe("/tickets/a%2Fb");
    expect(route.segments).toEqual(["tickets", "a/b"]);
    expect(route.query.get("tab")).toBe("log");
    expect(parseRoute("").path).toBe("/");
  });

  it("leaves empty query values out of a link", () => {
    expect(href("/todo", { workflow: "leave", state: "", cursor: undefined })).toBe("#/todo?workflow=leave");
  });
});

describe("texts", () => {
  it("has every English key in Chinese too", () => {
    const missing = Object.keys(dictionary.en).filter((key) => !(key in dictionary.zh));
    expect(missing).toEqual([]);
  });

  it("fills placeholders and falls back to English, then to the key", () => {
    expect(translate("zh", "app.signedInAs", { user: "alice", app: "demo-oa" })).toBe("alice（经由 demo-oa）");
    expect(translate("zh", "no.such.key")).toBe("no.such.key");
  });
});
