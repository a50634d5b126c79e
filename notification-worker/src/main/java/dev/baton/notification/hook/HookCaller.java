package dev.baton.notification.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.command.AnswerHook;
import dev.baton.api.trace.TraceParent;
import dev.baton.engine.BatonJson;
import dev.baton.notification.consumer.DueBatches;
import dev.baton.support.logging.TicketLog;
import dev.baton.support.poll.PacedPolling;
import dev.baton.support.retry.Breakers;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Calls due hooks ({@link DueBatches}): claims up to {@code batch-size} due calls with a lease ({@code baton.hooks.lease},
 * so several hook workers share the work and never make one call at once), POSTs each signed payload, and as soon as
 * its answer comes back decides, sends what goes back to the ticket and records it:
 * <ul>
 *   <li>2xx, sync: the body's {@code result} (true or false), {@code msg} / {@code error} and {@code fields} go back to
 *       the ticket as its answer;</li>
 *   <li>2xx, async: the call waits for the system's signed callback;</li>
 *   <li>another 4xx (but 408 and 429): the system refused, a failure answer;</li>
 *   <li>no connection, a time-out, 408, 429 or 5xx: tried again after a back-off; after the hook's last attempt the
 *       ticket is told the hook is exhausted and the call is dead-lettered;</li>
 *   <li>a target off the allow-list, or a secret this worker does not know: exhausted at once (retrying cannot
 *       help until the configuration changes).</li>
 * </ul>
 * Each hook URL has a circuit breaker ({@code baton.hooks.breaker.*}): while it is open, its calls are put off without
 * being made and without spending an attempt. If this worker dies, the calls it had in flight are claimed again by any
 * worker once their lease ran out: a call is made at least once, under its idempotency key.
 * Secrets and response bodies never reach the logs; errors are logged with the hook id and a status.
 * <p>
 * It looks for due calls on a thread of its own, paced ({@link dev.baton.support.poll.Pacer}): every {@code poll-interval} while it finds
 * some or has some in flight; while it finds none, ever less often, up to {@code idle-poll-interval}, and no later
 * than the next retry falls due; and at once when this worker queues a call or revives an exhausted one
 * ({@link #wake()}).
 */
@Component
public class HookCaller extends PacedPolling implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(HookCaller.class);
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final HookCalls calls;
    private final HookFieldNames fieldNames;
    private final HookAnswers answers;
    private final HookProperties properties;
    private final HookTargets targets;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Breakers breakers;
    private final DueBatches<HookCalls.Call, Outcome> batches;
    private final ObjectMapper json = BatonJson.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HookCaller(HookCalls calls, HookFieldNames fieldNames, HookAnswers answers, HookProperties properties,
                      TransactionTemplate tx, Clock clock, MeterRegistry metrics) {
        super("hook-caller", properties.pollInterval(), properties.idlePollInterval(), calls::nextDue, clock);
        this.calls = calls;
        this.fieldNames = fieldNames;
        this.answers = answers;
        this.properties = properties;
        this.targets = new HookTargets(properties.allowHosts());
        this.clock = clock;
        this.metrics = metrics;
        this.breakers = new Breakers("hooks", properties.breaker(), metrics);
        // every outcome's series exists from the start, so a rate or an alert over it never starts from nothing
        for (String outcome : List.of("delivered", "accepted", "success", "failure", "retried", "deferred")) {
            metrics.counter("baton.hook.calls", "outcome", outcome);
        }
        this.batches = new DueBatches<>("hook calls", calls::claimDue, this::start,
                (call, outcome, record, sends) -> decide(outcome, record, sends), tx, clock, properties.lease(),
                properties.batchSize());
    }

    /** Starts making due calls, as many as there are free slots; whether any were started or are in flight. */
    public boolean callDue() {
        if (!properties.enabled()) {
            return false;
        }
        return batches.poll() > 0 || batches.inFlight() > 0;
    }

    @Override
    protected boolean runs() {
        return properties.enabled();
    }

    @Override
    protected boolean lookForWork() {
        return callDue();
    }

    /** What one call came to: a response, a transport error, a refusal before calling, or put off untried. */
    private record Outcome(HookCalls.Call call, HttpResponse<byte[]> response, String error, boolean refused,
                           boolean deferred) {
        Outcome(HookCalls.Call call, HttpResponse<byte[]> response, String error, boolean refused) {
            this(call, response, error, refused, false);
        }
    }

    private CompletableFuture<Outcome> start(HookCalls.Call call) {
        Optional<String> refused = targets.refusal(call.url());
        String secret = properties.secrets().get(call.secretName());
        if (refused.isPresent() || secret == null) {
            return CompletableFuture.completedFuture(new Outcome(call, null,
                    refused.orElse("no secret named '" + call.secretName() + "' is configured"), true));
        }
        Breakers.Target target = new Breakers.Target(call.url(), host(call.url()));
        if (!breakers.permits(target)) {
            return CompletableFuture.completedFuture(new Outcome(call, null, null, false, true));
        }
        byte[] body = call.payload().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(call.url()))
                .timeout(Duration.ofSeconds(call.timeoutSeconds()))
                .header("Content-Type", "application/json")
                .header(HookSigning.TIMESTAMP, timestamp)
                .header(HookSigning.SIGNATURE, HookSigning.sign(secret, timestamp, body))
                .header(HookSigning.DELIVERY, call.hookId())
                .header("Idempotency-Key", call.hookId());
        TraceParent.parse(call.trace()).ifPresent(parent -> builder.header(TraceParent.HEADER, parent.child().toString()));
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long started = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Outcome(call, response, null, false))
                .exceptionally(failure -> new Outcome(call, null, "no answer: "
                        + (failure.getCause() == null ? failure : failure.getCause()).getClass().getSimpleName(),
                        false))
                .thenApply(outcome -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    if (worthAnotherTry(outcome)) {
                        breakers.failed(target, took, outcome.error());
                    } else {
                        breakers.succeeded(target, took); // it answered, even if it refused this call
                    }
                    return outcome;
                });
    }

    /** No answer, a time-out, 408, 429 or 5xx: the system may answer another try. */
    private static boolean worthAnotherTry(Outcome outcome) {
        if (outcome.response() == null) {
            return true;
        }
        int code = outcome.response().statusCode();
        return code == 408 || code == 429 || code >= 500;
    }

    /** A URL's host only, for logs: its path or query may carry a token. */
    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "(unreadable URL)";
        }
    }

    /** The outcome's answer to send (if any) and its row's update, run once every answer was sent. */
    private void decide(Outcome outcome, List<Runnable> record, List<CompletableFuture<?>> sends) {
        HookCalls.Call call = outcome.call();
        String owner = batches.owner();
        if (outcome.deferred()) {
            Instant next = clock.instant().plus(breakers.openFor());
            record.add(() -> {
                calls.deferred(call.hookId(), owner, next);
                metrics.counter("baton.hook.calls", "outcome", "deferred").increment();
            });
            return;
        }
        int attempt = call.attempts() + 1;
        if (outcome.refused()) {
            exhaust(call, attempt, outcome.error(), record, sends);
            return;
        }
        if (outcome.response() == null) {
            retryOrExhaust(call, attempt, outcome.error(), record, sends);
            return;
        }
        int code = outcome.response().statusCode();
        if (worthAnotherTry(outcome)) {
            retryOrExhaust(call, attempt, "HTTP " + code, record, sends);
        } else if ("EVENT".equals(call.mode())) {
            // an event hook: the receiver took it (2xx) or refused it for good (another 4xx, dead-lettered)
            if (code >= 300) {
                exhaust(call, attempt, "The system refused the event: HTTP " + code, record, sends);
            } else {
                record.add(() -> {
                    calls.finishClaimed(call.hookId(), owner, "DONE", attempt, null);
                    metrics.counter("baton.hook.calls", "outcome", "delivered").increment();
                });
            }
        } else if (code >= 300) {
            answer(call, attempt, new AnswerHook(call.ticketId(), call.hookId(), false, false,
                    "The system refused the call: HTTP " + code, Map.of()), record, sends);
        } else if ("ASYNC".equals(call.mode())) {
            record.add(() -> {
                calls.finishClaimed(call.hookId(), owner, "WAITING", attempt, null);
                metrics.counter("baton.hook.calls", "outcome", "accepted").increment();
            });
        } else {
            answer(call, attempt, read(call, outcome.response().body()), record, sends);
        }
    }

    /**
     * A sync answer or a callback body: {@code result}, {@code msg}, {@code error}, {@code fields} (named as the
     * call named them, mapped back to the ticket's keys).
     */
    /** Answers come from outside: read as strictly as a request, under the same text rule. */
    private static final com.fasterxml.jackson.databind.ObjectMapper ANSWERS = dev.baton.support.web.RequestJson.mapper();

    AnswerHook read(HookCalls.Call call, byte[] body) {
        if (body.length > MAX_ANSWER_BYTES) {
            return new AnswerHook(call.ticketId(), call.hookId(), false, false,
                    "The system's answer is over " + MAX_ANSWER_BYTES + " bytes", Map.of());
        }
        try {
            JsonNode answer = ANSWERS.readTree(body);
            if (answer == null || !answer.path("result").isBoolean()) {
                return new AnswerHook(call.ticketId(), call.hookId(), false, false,
                        "The system's answer has no boolean 'result'", Map.of());
            }
            boolean result = answer.get("result").asBoolean();
            String message = answer.hasNonNull("msg") ? answer.get("msg").asText()
                    : answer.hasNonNull("error") ? answer.get("error").asText() : null;
            Map<String, Object> fields = new LinkedHashMap<>();
            if (answer.path("fields").isObject()) {
                answer.get("fields").fields().forEachRemaining(f -> fields.put(f.getKey(),
                        json.convertValue(f.getValue(), Object.class)));
            }
            // the system answers in the names the call gave the fields; the ticket knows them by its own keys
            return new AnswerHook(call.ticketId(), call.hookId(), result, false, message,
                    fields.isEmpty() ? fields : HookFieldNames.toTicketKeys(fieldNames.of(call.hookId()), fields));
        } catch (dev.baton.support.web.RequestJson.RefusedTextException e) {
            return new AnswerHook(call.ticketId(), call.hookId(), false, false,
                    "The system's answer holds text Baton does not accept: " + e.getOriginalMessage(), Map.of());
        } catch (IOException e) {
            return new AnswerHook(call.ticketId(), call.hookId(), false, false, "The system's answer is not JSON",
                    Map.of());
        }
    }

    /** Sends {@code answer} now and records it (a callback's answer, outside a batch). */
    void answer(HookCalls.Call call, int attempt, AnswerHook answer) {
        answers.send(answer, call.trace());
        calls.finish(call.hookId(), "DONE", attempt, answer.success() ? null : answer.message());
        counted(answer);
    }

    private void answer(HookCalls.Call call, int attempt, AnswerHook answer, List<Runnable> record,
                        List<CompletableFuture<?>> sends) {
        sends.add(answers.sendAsync(answer, call.trace()));
        record.add(() -> {
            calls.finishClaimed(call.hookId(), batches.owner(), "DONE", attempt,
                    answer.success() ? null : answer.message());
            counted(answer);
        });
    }

    private void counted(AnswerHook answer) {
        metrics.counter("baton.hook.calls", "outcome", answer.success() ? "success" : "failure").increment();
    }

    private void retryOrExhaust(HookCalls.Call call, int attempt, String error, List<Runnable> record,
                                List<CompletableFuture<?>> sends) {
        if (attempt >= call.maxAttempts()) {
            exhaust(call, attempt, error, record, sends);
            return;
        }
        Instant next = clock.instant().plus(properties.backoff().delay(attempt));
        record.add(() -> {
            calls.retryLater(call.hookId(), batches.owner(), attempt, next, error);
            metrics.counter("baton.hook.calls", "outcome", "retried").increment();
            try (TicketLog.Scope ignored = TicketLog.of(call.ticketId()).trace(call.trace()).open()) {
                log.info("Hook {} attempt {} of {} failed ({}); next at {}", call.hookId(), attempt,
                        call.maxAttempts(), error, next);
            }
        });
    }

    private void exhaust(HookCalls.Call call, int attempt, String error, List<Runnable> record,
                         List<CompletableFuture<?>> sends) {
        if (!"EVENT".equals(call.mode())) {
            // a state's hook: the ticket is told, and its admins get it; an event hook has no ticket to tell
            sends.add(answers.sendAsync(new AnswerHook(call.ticketId(), call.hookId(), false, true, error,
                    Map.of()), call.trace()));
        }
        record.add(() -> {
            answers.deadLetter(call, error);
            calls.finishClaimed(call.hookId(), batches.owner(), "EXHAUSTED", attempt, error);
            metrics.counter("baton.hook.calls", "outcome", "dead-lettered").increment();
            try (TicketLog.Scope ignored = TicketLog.of(call.ticketId()).trace(call.trace()).open()) {
                log.warn("Hook {} exhausted after {} attempt(s): {}", call.hookId(), attempt, error);
            }
        });
    }

    /** Claims no more, and waits for the answers of the calls in flight so that they are recorded. */
    @Override
    public void destroy() {
        stop();
        batches.close();
    }
}
