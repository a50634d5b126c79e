package dev.baton.command.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token store that writes a processor's position only when it has to.
 * <p>
 * A tracking processor stores its token after every batch, and a batch in which it handled nothing is common: the
 * children and resolver processors handle a few event types and skip the rest, yet stored a token (a transaction)
 * for each batch they skipped; and a processor with nothing to read extended its claim every second. Such a write
 * protects nothing: a processor that restarts from an older position reads again events it did not handle, and no
 * handled event is ever behind a position that is not stored, since a batch that handles events stores its token in
 * the batch's own transaction (inside a unit of work), which always goes through.
 * <p>
 * So, for a segment this node holds, a token that only moves forward past skipped events, outside a unit of work, is
 * kept in memory and written at the latest {@code interval} after the last write; a claim is extended no more often
 * than that. The pending position is written before the claim is released (shutdown, rebalancing) or the segment's
 * token is fetched again, and whenever the claim must be extended anyway. {@code interval} must stay well below the
 * claim timeout, or other nodes would take the segment over. Everything else (claims, resets to replay tokens,
 * segments' set-up) goes straight through.
 * <p>
 * A processor named in {@code repeatable} has its positions past handled events deferred the same way: one whose
 * handling may be repeated without harm, and whose batch transaction holds nothing but the token. The relay is one:
 * it publishes at least once (consumers know each event by its id and the ticket's sequence), and a batch of it wrote
 * its token in a transaction of its own. After a crash it publishes again what it sent in the last {@code interval}.
 */
public class QuietTokenStore implements TokenStore {
    private final TokenStore store;
    private final Duration interval;
    private final Clock clock;
    private final Set<String> repeatable;
    private final Map<Key, Written> written = new ConcurrentHashMap<>();

    private record Key(String processor, int segment) {
    }

    /** The last token written for a segment (null if unknown), when, and what is waiting to be written. */
    private record Written(TrackingToken token, Instant at, TrackingToken pending) {
    }

    public QuietTokenStore(TokenStore store, Duration interval, Clock clock) {
        this(store, interval, clock, Set.of());
    }

    public QuietTokenStore(TokenStore store, Duration interval, Clock clock, Set<String> repeatable) {
        this.store = store;
        this.interval = interval;
        this.clock = clock;
        this.repeatable = Set.copyOf(repeatable);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment);
        Written last = written.get(key);
        Instant now = clock.instant();
        boolean skippedOnly = !CurrentUnitOfWork.isStarted() || repeatable.contains(processorName);
        if (last != null && skippedOnly && movesForward(last.token(), token)
                && now.isBefore(last.at().plus(interval))) {
            if (CurrentUnitOfWork.isStarted()) {
                // a repeatable processor's batch: its position counts only once the batch commits (the relay's
                // sends all acknowledged); a batch that rolls back leaves the last position as it was
                CurrentUnitOfWork.get().afterCommit(u -> keepPending(key, token));
            } else {
                keepPending(key, token);
            }
            return;
        }
        store.storeToken(token, processorName, segment);
        written.put(key, new Written(token, now, null));
    }

    /** Remembers a position to write later, for a segment still known (a flushed one is read again if lost). */
    private void keepPending(Key key, TrackingToken token) {
        written.computeIfPresent(key, (k, last) -> movesForward(last.token(), token)
                ? new Written(last.token(), last.at(), token) : last);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment);
        Written last = written.get(key);
        Instant now = clock.instant();
        if (last == null) {
            store.extendClaim(processorName, segment);
            return;
        }
        if (last.pending() != null) {
            store.storeToken(last.pending(), processorName, segment);
            written.put(key, new Written(last.pending(), now, null));
        } else if (!now.isBefore(last.at().plus(interval))) {
            store.extendClaim(processorName, segment);
            written.put(key, new Written(last.token(), now, null));
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        flush(processorName, segment);
        store.releaseClaim(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        flush(processorName, segment);
        TrackingToken token = store.fetchToken(processorName, segment);
        written.put(new Key(processorName, segment), new Written(token, clock.instant(), null));
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment)
            throws UnableToClaimTokenException {
        flush(processorName, segment.getSegmentId());
        TrackingToken token = store.fetchToken(processorName, segment);
        written.put(new Key(processorName, segment.getSegmentId()), new Written(token, clock.instant(), null));
        return token;
    }

    /** Writes what waits to be written for a segment, before the store is asked about it. */
    private void flush(String processorName, int segment) {
        Written last = written.remove(new Key(processorName, segment));
        if (last != null && last.pending() != null) {
            store.storeToken(last.pending(), processorName, segment);
        }
    }

    /** Whether {@code next} continues {@code stored}: both plain positions, and {@code next} no earlier. */
    private static boolean movesForward(TrackingToken stored, TrackingToken next) {
        return stored instanceof GapAwareTrackingToken from && next instanceof GapAwareTrackingToken to
                && to.getIndex() >= from.getIndex();
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount)
            throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount,
                                        TrackingToken initialToken) throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        written.remove(new Key(processorName, segment));
        store.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(
            String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }
}
