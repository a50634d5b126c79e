package dev.baton.config.delegation;

import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.directory.Delegation;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.config.Checks;
import dev.baton.config.directory.DirectoryRepository;
import dev.baton.config.outbox.Outbox;
import dev.baton.config.outbox.OutboxRecord;
import org.springframework.scheduling.annotation.Scheduled;
import dev.baton.support.auth.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Users' delegations: a user hands their work to another for a time window, for all workflows or chosen ones. A
 * caller application only names, sees and cancels delegations of workflows it is granted; "all workflows" through an
 * application not granted {@code "*"} means all it is granted.
 * Every change is published on the directory topic in the same transaction (through the outbox), where ticket-command's
 * directory replica picks it up for the next resolution.
 */
@Service
public class DelegationService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DelegationService.class);
    static final Duration LONGEST = Duration.ofDays(366);
    static final int MAX_WORKFLOWS = 100;
    static final int MAX_REASON = 500;
    private static final Pattern WORKFLOW_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final DelegationRepository repository;
    private final DirectoryRepository directory;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DelegationService(DelegationRepository repository, DirectoryRepository directory, Outbox outbox,
                             TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.directory = directory;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    public Delegation create(Caller caller, DelegationInput input) {
        Instant now = clock.instant();
        String delegator = input.delegator() == null ? caller.user() : input.delegator();
        if (delegator == null || delegator.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected the user who delegates, but got none");
        }
        if (!delegator.equals(caller.user()) && !caller.admin()) {
            throw new BatonException(ErrorCode.ADMIN_REQUIRED, "Expected '" + caller.user() + "' to delegate their own"
                    + " work, or an admin application, but got a delegation for '" + delegator + "'");
        }
        if (input.delegate() == null || input.delegate().isBlank()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected the user to delegate to, but got none");
        }
        if (input.delegate().equals(delegator)) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected someone other than '" + delegator
                    + "' to delegate to");
        }
        Instant from = input.from() == null ? now : input.from();
        if (input.until() == null || !input.until().isAfter(from)) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected 'until' after " + from + ", but got "
                    + input.until());
        }
        if (!input.until().isAfter(now)) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a window that has not ended, but it ended at "
                    + input.until());
        }
        if (Duration.between(from, input.until()).compareTo(LONGEST) > 0) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a window of at most " + LONGEST.toDays()
                    + " days, but got " + Duration.between(from, input.until()).toDays());
        }
        List<String> named = input.workflows() == null ? List.of() : input.workflows();
        new Checks().noNulls("workflows", named).orRefuse();
        List<String> workflows = named.stream().distinct().toList();
        if (workflows.size() > MAX_WORKFLOWS) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected at most " + MAX_WORKFLOWS
                    + " workflows, but got " + workflows.size());
        }
        for (String key : workflows) {
            if (!WORKFLOW_KEY.matcher(key).matches()) {
                throw new BatonException(ErrorCode.INVALID_INPUT, "Expected workflow keys, but got '"
                        + Checks.clip(key) + "'");
            }
        }
        if (input.reason() != null && input.reason().length() > MAX_REASON) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a reason of at most " + MAX_REASON
                    + " characters, but got " + input.reason().length());
        }
        workflows.forEach(caller::requireWorkflow);
        List<String> covered = workflows.isEmpty() ? allGrantedTo(caller.app()) : workflows;
        return tx.execute(status -> {
            for (String key : workflows) {
                if (!repository.workflowExists(key)) {
                    throw new BatonException(ErrorCode.WORKFLOW_NOT_FOUND, "Expected a workflow '" + key
                            + "', but there is none");
                }
            }
            if (directory.user(delegator).isEmpty()) {
                throw new BatonException(ErrorCode.USER_NOT_FOUND, "Expected a user '" + delegator
                        + "', but there is none");
            }
            if (directory.user(input.delegate()).filter(DirectoryUser::active).isEmpty()) {
                throw new BatonException(ErrorCode.USER_NOT_FOUND, "Expected an active user '" + input.delegate()
                        + "' to delegate to, but there is none");
            }
            repository.lockDelegator(delegator);
            List<String> clashes = new ArrayList<>();
            for (Delegation other : repository.overlapping(delegator, from, input.until())) {
                boolean sameWork = covered.isEmpty() || other.workflows().isEmpty()
                        || other.workflows().stream().anyMatch(covered::contains);
                if (sameWork && !visibleTo(caller.app(), other)) {
                    clashes.add("A delegation this application cannot see, from " + other.from() + " until "
                            + other.until());
                } else if (sameWork) {
                    clashes.add("Delegation '" + other.id() + "' to '" + other.delegate() + "' from " + other.from()
                            + " until " + other.until() + (other.workflows().isEmpty() ? " for all workflows"
                            : " for " + other.workflows()));
                }
            }
            if (!clashes.isEmpty()) {
                throw new BatonException(ErrorCode.DELEGATION_OVERLAPS, "Expected no other delegation by '"
                        + delegator + "' for the same work and time, but " + clashes.size() + " overlap", clashes);
            }
            Delegation delegation = new Delegation(UUID.randomUUID().toString(), delegator, input.delegate(), from,
                    input.until(), covered, input.reason(), caller.user());
            repository.insert(delegation, now);
            outbox.put(Topics.CONFIG_DIRECTORY, DirectoryRecords.delegationKey(delegation.id()), delegation);
            return delegation;
        });
    }

    /**
     * The workflows a delegation "for all workflows" covers when {@code app} makes it: all (an empty list) for an admin
     * application or one granted {@code "*"}, otherwise exactly the workflows it is granted now. An application
     * granted none may not delegate.
     */
    static List<String> allGrantedTo(CallerApp app) {
        if (app.admin() || app.workflows().contains("*")) {
            return List.of();
        }
        if (app.workflows().isEmpty()) {
            throw new BatonException(ErrorCode.WORKFLOW_NOT_GRANTED, "Expected a caller granted some workflow to"
                    + " delegate, but '" + app.appId() + "' is granted none");
        }
        return app.workflows().stream().distinct().sorted().toList();
    }

    /**
     * Whether {@code app} may see and cancel the delegation: an admin application or one granted {@code "*"} any,
     * others only those covering nothing but workflows they are granted (not one for all workflows).
     */
    static boolean visibleTo(CallerApp app, Delegation delegation) {
        if (app.admin() || app.workflows().contains("*")) {
            return true;
        }
        return !delegation.workflows().isEmpty() && delegation.workflows().stream().allMatch(app::mayUse);
    }

    /**
     * The delegations {@code user} gives or receives that have not ended; only their own, unless an admin asks; only
     * those the calling application may see ({@link #visibleTo}).
     */
    public List<Delegation> of(Caller caller, String user) {
        String whose = user == null ? caller.user() : user;
        if (whose == null || whose.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a user, but got none");
        }
        if (!whose.equals(caller.user()) && !caller.admin()) {
            throw new BatonException(ErrorCode.ADMIN_REQUIRED, "Expected '" + caller.user()
                    + "' to read their own delegations, or an admin application");
        }
        return repository.ofUser(whose, clock.instant()).stream().filter(d -> visibleTo(caller.app(), d)).toList();
    }

    /**
     * Cancels a delegation: its delegator or an admin. Work already handed over stays with the delegate. A delegation
     * the calling application may not see ({@link #visibleTo}) is answered like an unknown one.
     */
    public void cancel(Caller caller, String id) {
        tx.executeWithoutResult(status -> {
            Delegation delegation = repository.find(id).filter(d -> visibleTo(caller.app(), d)).orElseThrow(() ->
                    new BatonException(ErrorCode.NOT_FOUND, "Expected a delegation '" + id + "', but there is none"));
            if (!delegation.delegator().equals(caller.user()) && !caller.admin()) {
                throw new BatonException(ErrorCode.ADMIN_REQUIRED, "Expected the delegator '"
                        + delegation.delegator() + "' or an admin application to cancel it");
            }
            repository.delete(id);
            outbox.remove(Topics.CONFIG_DIRECTORY, DirectoryRecords.delegationKey(id));
        });
    }

    /**
     * Forgets the delegations that ended before {@code now}: they hand nothing over any more, and their records would
     * stay on the compacted directory topic forever. Each goes with a tombstone, like a cancelled one.
     */
    public int expire(Instant now) {
        Integer expired = tx.execute(status -> {
            List<String> ended = repository.endedBefore(now);
            ended.forEach(id -> {
                repository.delete(id);
                outbox.remove(Topics.CONFIG_DIRECTORY, DirectoryRecords.delegationKey(id));
            });
            return ended.size();
        });
        return expired == null ? 0 : expired;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void expireEnded() {
        int expired = expire(clock.instant());
        if (expired > 0) {
            log.info("Forgot {} delegations that have ended", expired);
        }
    }

    /** Every delegation as its topic record, for a republish. */
    public List<OutboxRecord> currentRecords() {
        return repository.all().stream().map(d -> outbox.record(Topics.CONFIG_DIRECTORY,
                DirectoryRecords.delegationKey(d.id()), d)).toList();
    }
}
