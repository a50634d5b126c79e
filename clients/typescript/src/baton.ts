import * as config from "../generated/config";
import * as command from "../generated/command";
import * as query from "../generated/query";
import * as notification from "../generated/notification";
import { signatureHeaders } from "./signing";

/** Where the four services answer. */
export interface Endpoints {
  workflowConfig: string;
  ticketCommand: string;
  ticketQuery: string;
  notificationWorker: string;
}

/** Four consecutive ports after `base`, as the standalone's BATON_PORT_BASE lays them out (8081-8084 by default). */
export function portBase(host = "127.0.0.1", base = 8080): Endpoints {
  return {
    workflowConfig: `http://${host}:${base + 1}`,
    ticketCommand: `http://${host}:${base + 2}`,
    ticketQuery: `http://${host}:${base + 3}`,
    notificationWorker: `http://${host}:${base + 4}`,
  };
}

/** A middleware that signs each request the generated clients send, once its body is set. */
function signing(appId: string, secret: string, user: string) {
  return {
    async pre(context: { url: string; init: RequestInit }) {
      const body = typeof context.init.body === "string" ? context.init.body : undefined;
      const headers = await signatureHeaders(appId, secret, user, context.init.method ?? "GET", context.url, body);
      return { url: context.url, init: { ...context.init, headers: { ...(context.init.headers as object), ...headers } } };
    },
  };
}

/**
 * One user's signed access to the four services: the generated API classes of each, made for it.
 *
 *     const alice = connect(portBase(), "demo-oa", secret).as("alice");
 *     const created = await alice.commands(TicketsCreateApi).createTicket({ createTicketRequest: {...} });
 */
export class Session {
  constructor(private readonly endpoints: Endpoints, private readonly appId: string,
              private readonly secret: string, readonly user: string) {
  }

  private parameters(basePath: string) {
    return { basePath, middleware: [signing(this.appId, this.secret, this.user)] };
  }

  config<T>(api: new (configuration: config.Configuration) => T): T {
    return new api(new config.Configuration(this.parameters(this.endpoints.workflowConfig)));
  }

  commands<T>(api: new (configuration: command.Configuration) => T): T {
    return new api(new command.Configuration(this.parameters(this.endpoints.ticketCommand)));
  }

  queries<T>(api: new (configuration: query.Configuration) => T): T {
    return new api(new query.Configuration(this.parameters(this.endpoints.ticketQuery)));
  }

  notifications<T>(api: new (configuration: notification.Configuration) => T): T {
    return new api(new notification.Configuration(this.parameters(this.endpoints.notificationWorker)));
  }
}

/** A caller application's connection to Baton. */
export function connect(endpoints: Endpoints, appId: string, secret: string) {
  if (!appId || !secret) {
    throw new Error("Expected a caller application's id and secret");
  }
  return { as: (user: string) => new Session(endpoints, appId, secret, user) };
}

/** What a command wrote; its token makes a list read wait until it shows the write (`consistentWith`). */
export interface Written {
  ticketId: string;
  version: number;
}

export function token(written: Written): string {
  return `${written.ticketId}:${written.version}`;
}

/** A refusal as Baton answers it (problem+json): the status, Baton's code and the detail. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
}

/** The problem a generated client's call failed with (its ResponseError), or undefined for any other failure. */
export async function problemOf(error: unknown): Promise<Problem | undefined> {
  const response = (error as { response?: Response }).response;
  if (!response) {
    return undefined;
  }
  const body = await response.clone().json().catch(() => ({}));
  return { status: response.status, code: body.code ?? "", detail: body.detail ?? "" };
}

/** A fresh key for the Idempotency-Key header: a command sent again under it is done once. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Calls `call`, again after a failure that passes (503, 502, 504, 429, 409 idempotency-key-in-use, a lost
 * connection), at most `attempts` times, waiting as Retry-After says. Safe for reads and for keyed commands.
 */
export async function retrying<T>(call: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const problem = await problemOf(error);
      const passes = problem === undefined ? (error as { name?: string }).name === "FetchError"
        : [502, 503, 504, 429].includes(problem.status)
          || (problem.status === 409 && problem.code === "idempotency-key-in-use");
      if (attempt >= attempts || !passes) {
        throw error;
      }
      const retryAfter = Number((error as { response?: Response }).response?.headers.get("Retry-After"));
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(5000, 200 * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
