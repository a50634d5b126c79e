import { createContext, useContext, useMemo, type ReactNode } from "react";
import { Session, type Endpoints } from "@baton/client";
import type { ConsoleConfig } from "./config";

/**
 * Who the console acts as: a caller application (its id and secret sign every request) and the directory user it
 * acts for. The demo keeps it in this tab's sessionStorage; in production the embedding system signs instead
 * (docs/console.md), and no secret reaches a browser.
 */
export interface Identity {
  appId: string;
  secret: string;
  user: string;
  admin: boolean;
}

const KEY = "baton.identity";

export function savedIdentity(): Identity | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
    return saved && saved.appId && saved.secret && saved.user ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveIdentity(identity: Identity | undefined): void {
  if (identity) {
    sessionStorage.setItem(KEY, JSON.stringify(identity));
  } else {
    sessionStorage.removeItem(KEY);
  }
}

/** The signed API for the signed-in identity: `baton.config(WorkflowsApi).listWorkflows()`, and so on. */
export interface Baton {
  identity: Identity;
  endpoints: Endpoints;
  config: ConsoleConfig;
  api: Session;
  /** The same API acting for another user of the same application (an admin's look at a user's lists). */
  as(user: string): Session;
}

const BatonContext = createContext<Baton | null>(null);

export function BatonProvider({ identity, config, children }: { identity: Identity; config: ConsoleConfig; children: ReactNode }) {
  const value = useMemo<Baton>(() => ({
    identity,
    endpoints: config.endpoints,
    config,
    api: new Session(config.endpoints, identity.appId, identity.secret, identity.user),
    as: (user: string) => new Session(config.endpoints, identity.appId, identity.secret, user),
  }), [identity, config]);
  return <BatonContext.Provider value={value}>{children}</BatonContext.Provider>;
}

export function useBaton(): Baton {
  const baton = useContext(BatonContext);
  if (!baton) {
    throw new Error("useBaton outside BatonProvider");
  }
  return baton;
}
