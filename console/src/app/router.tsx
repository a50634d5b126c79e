import { useEffect, useState, type ReactNode, type MouseEvent } from "react";

/**
 * Hash routing ("#/tickets/42?tab=log"): the server serves one page and never needs to know the console's routes.
 */
export interface Route {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split("?", 2);
  const clean = path.startsWith("/") ? path : `/${path}`;
  return { path: clean, segments: clean.split("/").filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function href(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  Object.entries(query ?? {}).forEach(([k, v]) => v !== undefined && v !== "" && params.set(k, v));
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ""}`;
}

export function navigate(path: string, query?: Record<string, string | undefined>): void {
  window.location.hash = href(path, query).slice(1);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  return route;
}

export function Link({ to, query, children, className, ...rest }: {
  to: string; query?: Record<string, string | undefined>; children: ReactNode; className?: string;
  "aria-current"?: "page" | undefined; onClick?: (e: MouseEvent) => void;
}) {
  return <a href={href(to, query)} className={className} {...rest}>{children}</a>;
}
