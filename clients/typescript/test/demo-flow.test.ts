import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { command, connect, idempotencyKey, problemOf, query, retrying, token, Written } from "../src";
import { DEMO_APP, DEMO_SECRET, Running, startStandalone } from "./standalone";

/**
 * The demo flow (leave-request: alice asks, lena approves, the ops pool books it) through the TypeScript SDK against
 * a running standalone: signed requests, an idempotent create, reads that wait for the caller's own writes, and
 * refusals as Baton's problems.
 */
let standalone: Running;

before(async () => {
  standalone = await startStandalone();
}, { timeout: 200_000 });

after(async () => {
  await standalone?.stop();
}, { timeout: 70_000 });

function baton() {
  return connect(standalone.endpoints, DEMO_APP, DEMO_SECRET);
}

async function todo(user: string, after: Written): Promise<string[]> {
  const page = await retrying(() => baton().as(user).queries(query.ListsApi)
    .todo({ consistentWith: token(after), limit: 100 }));
  return (page.items ?? []).map((t) => t.ticketId ?? "");
}

test("a leave request goes from alice to lena to the ops pool and ends", { timeout: 60_000 }, async () => {
  const alice = baton().as("alice").commands(command.TicketsCreateApi);
  const key = idempotencyKey();
  const request = { workflow: "leave-request", title: "Two days off", fields: { days: 2, reason: "rest" },
    transition: "submit" };
  const created = await retrying(() => alice.createTicket({ createTicketRequest: request, idempotencyKey: key }));
  const again = await retrying(() => alice.createTicket({ createTicketRequest: request, idempotencyKey: key }));
  assert.equal(again.ticketId, created.ticketId, "sent again under its key, the create is answered as the first time");
  const written: Written = { ticketId: created.ticketId!, version: created.version! };
  assert.ok((await todo("lena", written)).includes(written.ticketId));

  const act = (user: string) => baton().as(user).commands(command.TicketsActApi);
  const approved = await retrying(() => act("lena").handle({ id: written.ticketId, idempotencyKey: idempotencyKey(),
    handleTicketRequest: { transition: "leader_approve", comment: "ok", expectedVersion: written.version } }));
  assert.ok(!(await todo("lena", { ticketId: written.ticketId, version: approved.version! })).includes(written.ticketId));
  await retrying(() => act("ops3").accept({ id: written.ticketId, idempotencyKey: idempotencyKey(),
    acceptTicketRequest: {} }));
  const done = await retrying(() => act("ops3").handle({ id: written.ticketId, idempotencyKey: idempotencyKey(),
    handleTicketRequest: { transition: "complete", fields: { ops_note: "booked" } } }));

  const detail = await retrying(() => baton().as("alice").queries(query.TicketDetailAndHistoryApi)
    .detail({ id: written.ticketId, minVersion: String(done.version), waitMillis: "5000" }));
  assert.equal(detail.status, "FINISHED");
  assert.equal(detail.state?.key, "done");
});

test("a refusal is a problem with Baton's code", { timeout: 30_000 }, async () => {
  const refused = await baton().as("alice").commands(command.TicketsActApi)
    .handle({ id: "no-such-ticket", handleTicketRequest: { transition: "submit" } })
    .then(() => undefined, (error) => problemOf(error));
  assert.deepEqual([refused?.status, refused?.code], [404, "ticket-not-found"]);
});

test("a request signed with another secret is refused", { timeout: 30_000 }, async () => {
  const forged = connect(standalone.endpoints, DEMO_APP, "not-the-secret").as("alice");
  const refused = await forged.queries(query.ListsApi).todo().then(() => undefined, (error) => problemOf(error));
  assert.deepEqual([refused?.status, refused?.code], [401, "unauthenticated"]);
});
