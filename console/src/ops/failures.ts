import type { notification, query } from "@baton/client";

/** One failed piece of work as the failures page lists it, whatever its kind. */
export interface FailureRow {
  /** The id the retry call takes. */
  id: string;
  ticketId?: string;
  /** What failed: a notification's channel and recipient, a hook's URL, a consumer's role and topic. */
  subject: string;
  reason: string;
  /** "3/5", "3", or "" when the kind does not count attempts. */
  attempts: string;
  at?: Date;
}

function attempts(done: number | undefined, max?: number): string {
  if (done === undefined || done === null) {
    return "";
  }
  return max ? `${done}/${max}` : String(done);
}

/** A ticket id from a record key, when the record came from a ticket topic (they are keyed by ticket id). */
export function ticketOfRecord(topic: string | undefined, key: string | undefined): string | undefined {
  return key && (topic ?? "").startsWith("baton.ticket.") ? key : undefined;
}

export function deliveryRow(d: notification.Delivery): FailureRow {
  return {
    id: d.deliveryId ?? "",
    ticketId: d.ticketId,
    subject: [d.channel, d.recipient].filter(Boolean).join(" → ") + (d.subject ? ` · ${d.subject}` : ""),
    reason: d.lastError || d.reason || "",
    attempts: attempts(d.attempts, d.maxAttempts),
    at: d.updatedAt ?? d.createdAt,
  };
}

export function hookRow(h: notification.HookCall): FailureRow {
  return {
    id: h.hookId ?? "",
    ticketId: h.ticketId,
    subject: [h.mode, h.url].filter(Boolean).join(" "),
    reason: h.lastError ?? "",
    attempts: attempts(h.attempts, h.maxAttempts),
  };
}

export function parkedRow(p: notification.ParkedEvent): FailureRow {
  return {
    id: p.id === undefined ? "" : String(p.id),
    ticketId: ticketOfRecord(p.topic, p.key),
    subject: [p.role, p.topic && `${p.topic}#${p.partition ?? "?"}@${p.offset ?? "?"}`].filter(Boolean).join(" · "),
    reason: p.error ?? "",
    attempts: attempts(p.attempts),
    at: p.triedAt ?? p.parkedAt,
  };
}

export function projectionRow(p: query.ParkedProjectionEvent): FailureRow {
  return {
    id: p.id === undefined ? "" : String(p.id),
    ticketId: p.ticketId,
    subject: [p.ceType, p.seq !== undefined && p.seq !== null ? `#${p.seq}` : ""].filter(Boolean).join(" "),
    reason: [p.reason, p.error].filter(Boolean).join(": "),
    attempts: "",
    at: p.parkedAt,
  };
}

/** What a retry answered, as one word for the row's note ("SENT", "applied", ...). */
export function retryOutcome(answer: { status?: string; outcome?: string } | undefined): string {
  return answer?.outcome ?? answer?.status ?? "";
}
