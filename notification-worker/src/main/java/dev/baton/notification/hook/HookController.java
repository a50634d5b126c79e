package dev.baton.notification.hook;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.AnswerHook;
import dev.baton.notification.IdShapes;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The hook role's HTTP side.
 * <ul>
 *   <li>{@code POST /hook-callbacks/{hookId}}: an async hook's answer, signed by the system with the hook's secret
 *       ({@link HookSigning}); no caller application. 404 for an id no call can have; 401 for a bad or stale
 *       signature (checked against every secret this worker knows before the call is looked up, so an unsigned
 *       caller cannot learn which calls exist); 404 for an unknown call; 409 for a call that does not wait for an
 *       answer (not async, answered already, or the ticket moved on).</li>
 *   <li>{@code GET /hooks/dead} and {@code POST /hooks/{hookId}/retry}: the exhausted calls, and trying one again
 *       from its first attempt. Admin caller applications only.</li>
 * </ul>
 */
@RestController
@Tag(name = "Hooks", description = "Calls to external systems a ticket waits on: their answers and retries")
public class HookController {
    private final HookCalls calls;
    private final HookCaller caller;
    private final HookProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    /** What an external system answers an asynchronous hook call with; unknown properties are ignored. */
    @Schema(name = "HookCallbackAnswer")
    public record CallbackAnswer(boolean result, String msg, String error, Map<String, Object> fields) {
    }

    /** The answer was taken: whether it reports success. */
    @Schema(name = "HookCallbackAccepted")
    public record CallbackAccepted(String hookId, boolean result) {
    }

    /** The hook call is queued again ({@code PENDING}). */
    @Schema(name = "HookRetry")
    public record Retried(String hookId, String status) {
    }

    public HookController(HookCalls calls, HookCaller caller, HookProperties properties, TransactionTemplate tx,
                          Clock clock) {
        this.calls = calls;
        this.caller = caller;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Operation(summary = "An external system answers an asynchronous hook call, signed with the hook's secret "
            + "(X-Baton-Timestamp, and X-Baton-Signature: hex HMAC-SHA256 of timestamp and body), not by a caller "
            + "application")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = CallbackAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Taken",
            content = @Content(schema = @Schema(implementation = CallbackAccepted.class)))
    @Refuses({ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.WRONG_STATE})
    @PostMapping("/hook-callbacks/{hookId}")
    public Mono<ResponseEntity<CallbackAccepted>> callback(
            @PathVariable String hookId, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HookSigning.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = HookSigning.SIGNATURE, required = false) String signature) {
        byte[] given = body == null ? new byte[0] : body;
        if (!IdShapes.plausible(hookId)) {
            throw unknownCall(hookId);
        }
        if (stale(timestamp) || properties.secrets().values().stream()
                .noneMatch(secret -> HookSigning.matches(secret, timestamp, given, signature))) {
            throw badSignature();
        }
        return Mono.fromCallable(() -> tx.execute(status -> {
            HookCalls.Call call = calls.lock(hookId).orElseThrow(() -> unknownCall(hookId));
            String secret = properties.secrets().get(call.secretName());
            if (secret == null || !HookSigning.matches(secret, timestamp, given, signature)) {
                throw badSignature();
            }
            if (!"WAITING".equals(call.status())) {
                throw new BatonException(ErrorCode.WRONG_STATE, "Expected hook call '" + hookId + "' to wait for "
                        + "an answer, but it is " + call.status());
            }
            AnswerHook answer = caller.read(call, given);
            caller.answer(call, call.attempts(), answer);
            return ResponseEntity.accepted().body(new CallbackAccepted(hookId, answer.success()));
        })).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "The hook calls that failed every attempt")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping("/hooks/dead")
    public Mono<List<HookCalls.Call>> deadHooks(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromCallable(() -> calls.exhausted(200).stream().map(c -> new HookCalls.Call(c.hookId(),
                c.ticketId(), c.status(), c.mode(), c.url(), c.secretName(), c.timeoutSeconds(), c.maxAttempts(),
                c.attempts(), null, c.lastError(), null)).toList()).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "Call an exhausted hook again")
    @ApiResponse(responseCode = "202", description = "Queued again",
            content = @Content(schema = @Schema(implementation = Retried.class)))
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.WRONG_STATE})
    @PostMapping("/hooks/{hookId}/retry")
    public Mono<ResponseEntity<Retried>> retryHook(@PathVariable String hookId, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        if (!IdShapes.plausible(hookId)) {
            throw unknownCall(hookId);
        }
        return Mono.fromCallable(() -> {
            if (calls.find(hookId).isEmpty()) {
                throw unknownCall(hookId);
            }
            if (!calls.revive(hookId, clock.instant())) {
                throw new BatonException(ErrorCode.WRONG_STATE, "Expected an exhausted hook call '" + hookId
                        + "', but it is " + calls.find(hookId).map(HookCalls.Call::status).orElse("gone"));
            }
            caller.wake();
            return ResponseEntity.accepted().body(new Retried(hookId, "PENDING"));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private BatonException badSignature() {
        return new BatonException(ErrorCode.UNAUTHENTICATED, "Expected a callback signed with the hook's secret over "
                + "a timestamp within " + properties.callbackSkew().toMinutes() + " minutes");
    }

    private static BatonException unknownCall(String hookId) {
        return new BatonException(ErrorCode.NOT_FOUND, "Expected a hook call '" + hookId + "', but there is none");
    }

    private boolean stale(String timestamp) {
        if (timestamp == null) {
            return true;
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return Duration.between(at, clock.instant()).abs().compareTo(properties.callbackSkew()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
