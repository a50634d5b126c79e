import { describe, expect, it } from "vitest";
import { deliveryRow, hookRow, parkedRow, projectionRow, retryOutcome, ticketOfRecord } from "./failures";

describe("failure rows", () => {
  const at = new Date("2026-12-05T10:00:00Z");

  it("shows a dead notification's ticket, channel and recipient, last error and attempts of the most", () => {
    expect(deliveryRow({ deliveryId: "d1", ticketId: "t1", channel: "email", recipient: "alice", subject: "Approve",
      lastError: "SMTP down", reason: "todo", attempts: 5, maxAttempts: 5, updatedAt: at })).toEqual({
      id: "d1", ticketId: "t1", subject: "email → alice · Approve", reason: "SMTP down", attempts: "5/5", at,
    });
    expect(deliveryRow({ deliveryId: "d2", reason: "todo" }).reason).toBe("todo");
  });

  it("shows a dead hook's mode and URL, without a time", () => {
    expect(hookRow({ hookId: "h1", ticketId: "t1", mode: "SYNC", url: "https://x", lastError: "timeout", attempts: 3, maxAttempts: 3 }))
      .toEqual({ id: "h1", ticketId: "t1", subject: "SYNC https://x", reason: "timeout", attempts: "3/3" });
  });

  it("links a parked event to its ticket only when it came from a ticket topic", () => {
    expect(ticketOfRecord("baton.ticket.events", "t1")).toBe("t1");
    expect(ticketOfRecord("baton.config.apps", "oa")).toBeUndefined();
    const row = parkedRow({ id: 7, role: "notifications", topic: "baton.ticket.events", partition: 2, offset: 40, key: "t1",
      error: "boom", attempts: 4, parkedAt: at });
    expect(row).toEqual({ id: "7", ticketId: "t1", subject: "notifications · baton.ticket.events#2@40", reason: "boom", attempts: "4", at });
  });

  it("shows a parked projection event's type, sequence and reason", () => {
    expect(projectionRow({ id: 3, ticketId: "t9", ceType: "TicketMoved", seq: 4, reason: "gap", error: "expected 3", parkedAt: at }))
      .toEqual({ id: "3", ticketId: "t9", subject: "TicketMoved #4", reason: "gap: expected 3", attempts: "", at });
  });

  it("reads a retry's outcome from either answer shape", () => {
    expect(retryOutcome({ outcome: "applied" })).toBe("applied");
    expect(retryOutcome({ status: "PENDING" })).toBe("PENDING");
    expect(retryOutcome(undefined)).toBe("");
  });
});
