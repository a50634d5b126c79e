package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One whole reference leave-request ticket, step by step, shared by the {@code flow} and {@code scale} modes: the
 * creator submits ({@code days} decides whether a director is asked); then, at every step, one of the participants
 * the last command answered with reads their todo list, accepts when the step is offered to several, and handles the
 * step's forward transition, until the ticket is finished. How a call is sent (which node, retries, idempotency keys,
 * read-your-writes) and what is counted is the {@link Calls} implementation's business.
 */
final class ReferenceFlow {
    /** The forward transition of each step of the reference workflow. */
    static final Map<String, String> FORWARD = Map.of(
            "draft", "submit",
            "leader_approval", "leader_approve",
            "director_approval", "director_approve",
            "ops_handling", "complete");
    private static final int MAX_STEPS = 12;

    /** What a driver does for the flow. */
    interface Calls {
        /** {@code POST /tickets} as the creator; a ticket was created when the answer is 201. */
        Http.Answer create(String creator, Map<String, Object> body);

        /** {@code POST /tickets/{id}/<action>} ({@code accept} or {@code handle}) as the user. */
        Http.Answer act(String ticketId, String action, String user, Map<String, Object> body);

        /** The acting user's todo list, read before they act; {@code version} is the ticket's last answered one. */
        void todo(String user, String ticketId, long version);

        /** A command succeeded: {@code step} is {@code create}, {@code accept} or the transition handled. */
        void accepted(String step, Http.Answer answer);

        /** A command was refused or failed for good ({@code what}: create, accept, handle &lt;transition&gt;). */
        void failed(String what, Http.Answer answer);

        /** The ticket was answered in a state the flow does not know, or did not finish. */
        void unexpected(String errorKey, String message);

        /**
         * The next participant is about to act after {@code lastCommand} answered; returns what to run just before
         * their first command (the flow's lag sampler marks the sample overtaken), or null.
         */
        default Runnable nextActor(String ticketId, String user, String lastCommand, Http.Answer answer) {
            return null;
        }
    }

    /**
     * How a ticket went: its id (null when not even created), the version of the last command answered (-1: none)
     * and whether it finished.
     */
    record Outcome(String ticketId, long version, boolean finished) {
    }

    private ReferenceFlow() {
    }

    static Map<String, Object> createBody(String workflow, String creator, int days) {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("workflow", workflow);
        create.put("title", creator + " leave " + days + "d");
        create.put("fields", Map.of("days", days, "reason", "rest"));
        create.put("transition", "submit");
        return create;
    }

    /** Runs one whole ticket; stops at the first command that fails (the ticket is abandoned). */
    static Outcome ticket(Calls calls, String workflow, String creator, int days, Random random) {
        Http.Answer a = calls.create(creator, createBody(workflow, creator, days));
        if (a.status() != 201) {
            calls.failed("create", a);
            return new Outcome(null, -1, false);
        }
        calls.accepted("create", a);
        JsonNode r = a.json();
        String id = r.path("ticketId").asText();
        long version = r.path("version").asLong();
        String lastCommand = "submit";
        for (int step = 0; step < MAX_STEPS; step++) {
            String status = r.path("status").asText();
            String state = r.path("state").path("key").asText();
            if ("FINISHED".equals(status) || "END".equals(r.path("state").path("type").asText())) {
                return new Outcome(id, version, true);
            }
            String transition = FORWARD.get(state);
            List<String> participants = new ArrayList<>();
            r.path("participants").forEach(p -> participants.add(p.asText()));
            if (transition == null || participants.isEmpty()) {
                calls.unexpected("unexpected state " + state, "unexpected answer " + r);
                return new Outcome(id, version, false);
            }
            String user = participants.get(random.nextInt(participants.size()));
            boolean offered = r.path("awaitingAccept").asBoolean();
            Runnable beforeActing = calls.nextActor(id, user, lastCommand, a);
            if (offered) {
                calls.todo(user, id, version);
                if (beforeActing != null) {
                    beforeActing.run();
                }
                a = calls.act(id, "accept", user, Map.of());
                if (!a.ok()) {
                    calls.failed("accept", a);
                    return new Outcome(id, version, false);
                }
                calls.accepted("accept", a);
                version = a.json().path("version").asLong(version);
            }
            calls.todo(user, id, version);
            if (beforeActing != null) {
                beforeActing.run();
            }
            a = calls.act(id, "handle", user, Map.of("transition", transition));
            if (!a.ok()) {
                calls.failed("handle " + transition, a);
                return new Outcome(id, version, false);
            }
            calls.accepted(transition, a);
            r = a.json();
            version = r.path("version").asLong(version);
            lastCommand = transition;
        }
        calls.unexpected("did not finish", "ticket " + id + " did not finish within " + MAX_STEPS + " steps");
        return new Outcome(id, version, false);
    }
}
