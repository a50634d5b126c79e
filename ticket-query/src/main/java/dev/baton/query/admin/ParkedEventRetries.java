package dev.baton.query.admin;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.query.consistency.PeerVersions;
import dev.baton.query.projection.ParkedEvents;
import dev.baton.query.projection.TicketProjector;
import dev.baton.support.kafka.ConsumerFailures;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** An admin's view of the events the projection parked for them, and their retry once the cause is fixed. */
@Component
public class ParkedEventRetries {
    private static final Logger log = LoggerFactory.getLogger(ParkedEventRetries.class);

    private final ParkedEvents parked;
    private final TicketProjector projector;
    private final PeerVersions versions;

    public ParkedEventRetries(ParkedEvents parked, TicketProjector projector, PeerVersions versions) {
        this.parked = parked;
        this.projector = projector;
        this.versions = versions;
    }

    public List<ParkedEvents.Listed> list(int limit) {
        return parked.waitingForAdmin(limit);
    }

    /** What a retry did: {@code applied}, {@code already-applied} or {@code waiting-for-predecessor}. */
    @Schema(name = "ParkedEventRetry")
    public record Outcome(long id, String ticketId, String outcome, Long version) {
    }

    public Outcome retry(long id) {
        ParkedEvents.Parked found = parked.byId(id).orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND,
                "Expected a parked event " + id + ", but there is none"));
        if (ParkedEvents.GAP.equals(parked.reasonOf(id))) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected a failed or unreadable event, but event "
                    + id + " only waits for its predecessor and is applied when that arrives");
        }
        TicketProjector.RetryOutcome outcome;
        try {
            outcome = projector.retry(id, projector.envelopeOf(found));
        } catch (RuntimeException e) {
            String error = ConsumerFailures.describe(e);
            parked.failedAgain(id, error);
            log.error("Retry of parked event {} of ticket {} failed again: {}", id, found.ticketId(), error);
            throw new BatonException(ErrorCode.RETRY_FAILED, "Expected parked event " + id + " of ticket "
                    + found.ticketId() + " to apply, but it failed again: " + error);
        }
        if (outcome.version() != null) {
            versions.committed(Map.of(found.ticketId(), outcome.version()));
        }
        log.info("Parked event {} of ticket {} retried: {}", id, found.ticketId(), outcome.retried());
        return new Outcome(id, found.ticketId(), outcome.retried().name().toLowerCase().replace('_', '-'),
                outcome.version());
    }
}
