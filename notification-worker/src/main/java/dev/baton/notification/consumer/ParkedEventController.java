package dev.baton.notification.consumer;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.support.auth.Caller;
import dev.baton.support.kafka.ConsumerFailures;
import dev.baton.support.web.Refuses;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The records the roles' consumers parked ({@link Parking}), for admin caller applications (403 for others).
 * <ul>
 *   <li>{@code GET /admin/parked-events?role=&limit=100}: the parked records, oldest first, of one role
 *       ({@code notifications}, {@code timers}, {@code hooks}) or all;</li>
 *   <li>{@code POST /admin/parked-events/{id}/retry}: applies the record again through its role's handler, as the
 *       consumer would, in one transaction with deleting it: 200 once applied; 409 {@code wrong-state} with the new
 *       error if it fails again (the row keeps the error and counts the attempt); 503 {@code not-ready} when the
 *       failure is transient; 404 for an unknown id.</li>
 * </ul>
 * A retried record is applied as it is then, after the records that followed it on its partition.
 */
@RestController
@Tag(name = "Parked events", description = "Events the worker could not handle, kept until an admin retries them")
public class ParkedEventController {
    private static final Logger log = LoggerFactory.getLogger(ParkedEventController.class);
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final ParkedEvents parked;
    private final Map<String, RecordHandler> handlers = new LinkedHashMap<>();
    private final TransactionTemplate tx;
    private final MeterRegistry metrics;

    /** A parked event applied and forgotten: its id, its role and {@code APPLIED}. */
    @Schema(name = "ParkedEventApplied")
    public record Applied(long id, String role, String status) {
    }

    public ParkedEventController(ParkedEvents parked, List<RecordHandler> handlers, TransactionTemplate tx,
                                 MeterRegistry metrics) {
        this.parked = parked;
        handlers.forEach(h -> this.handlers.put(h.role(), h));
        this.tx = tx;
        this.metrics = metrics;
    }

    @Operation(summary = "The parked events, optionally of one role (the consumer that parked them), oldest first")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping("/admin/parked-events")
    public Mono<List<ParkedEvents.Parked>> listParkedEvents(@RequestParam(required = false) String role,
                                                @RequestParam(defaultValue = "100") int limit,
                                                ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        if (role != null && !handlers.containsKey(role)) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a role of " + handlers.keySet()
                    + ", but got '" + role + "'");
        }
        if (limit < 1 || limit > 1000) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a limit of 1 to 1000, but got " + limit);
        }
        return Mono.fromCallable(() -> parked.list(role, limit)).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "Apply a parked event again, once its cause is fixed; it is forgotten when it applies")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.WRONG_STATE, ErrorCode.NOT_READY})
    @PostMapping("/admin/parked-events/{id}/retry")
    public Mono<Applied> retryParkedEvent(@PathVariable String id, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        if (!ID.matcher(id).matches()) {
            throw unknown(id);
        }
        long parkedId = Long.parseLong(id);
        return Mono.fromCallable(() -> apply(parkedId)).subscribeOn(Schedulers.boundedElastic());
    }

    private Applied apply(long id) {
        ParkedEvents.Parked applied;
        try {
            applied = tx.execute(status -> {
                ParkedEvents.Parked record = parked.lock(id).orElseThrow(() -> unknown(Long.toString(id)));
                RecordHandler handler = handlers.get(record.role());
                if (handler == null) {
                    throw new BatonException(ErrorCode.WRONG_STATE, "Expected parked event " + id + " to be of a "
                            + "role of " + handlers.keySet() + ", but it is of '" + record.role() + "'");
                }
                try {
                    handler.handle(record.record());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                parked.delete(id);
                return record;
            });
        } catch (BatonException e) {
            throw e;
        } catch (RuntimeException failure) {
            if (ConsumerFailures.isTransient(failure)) {
                throw new BatonException(ErrorCode.NOT_READY, "Expected to apply parked event " + id
                        + ", but the worker's database is not reachable now; retry shortly");
            }
            String error = ParkedEvents.clean(ConsumerFailures.describe(failure));
            parked.failedAgain(id, error);
            log.warn("Parked event {} failed again: {}", id, error);
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected parked event " + id + " to apply, but it "
                    + "failed again: " + error);
        }
        metrics.counter("baton.consumer.parked.applied", "role", applied.role()).increment();
        log.info("Parked event {} ({} of {}-{}@{}) applied and forgotten", id, applied.role(), applied.topic(),
                applied.partition(), applied.offset());
        return new Applied(id, applied.role(), "APPLIED");
    }

    private static BatonException unknown(String id) {
        return new BatonException(ErrorCode.NOT_FOUND, "Expected a parked event '" + id + "', but there is none");
    }
}
