package dev.baton.command.assignee;

import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.AssigneeChooser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code RANDOM} draws uniformly. {@code LEAST_LOADED} picks whoever has the fewest open todos in the workload
 * projection (eventually consistent: it follows the event store by a moment). {@code ROUND_ROBIN} takes turns per workflow and state through a counter row in
 * PostgreSQL, so every instance of ticket-command shares the rotation and a restart does not reset it. The counter
 * is taken inside the command's transaction: a command that is refused or loses a race gives its turn back, and two
 * tickets arriving in the same state at once take their turns one after the other. Candidates are in the rule's
 * stable order, so the rotation walks them in that order; when the directory changes the set, the walk continues
 * over the new one.
 */
@Component
public class RotatingAssigneeChooser implements AssigneeChooser {
    private final JdbcTemplate jdbc;

    public RotatingAssigneeChooser(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String choose(Distribution distribution, String workflowKey, String stateKey, List<String> candidates) {
        return switch (distribution) {
            case RANDOM -> candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            case ROUND_ROBIN -> candidates.get((int) Math.floorMod(nextTurn(workflowKey, stateKey), candidates.size()));
            case LEAST_LOADED -> leastLoaded(candidates);
            default -> throw new IllegalArgumentException("Expected RANDOM, ROUND_ROBIN or LEAST_LOADED, but got "
                    + distribution);
        };
    }

    /** The candidate with the fewest open todos ({@code open_work}); the first in the rule's order among equals. */
    String leastLoaded(List<String> candidates) {
        Map<String, Long> load = new HashMap<>();
        jdbc.query("SELECT username, count(*) AS n FROM open_work WHERE username = ANY(?) GROUP BY username",
                rs -> {
                    load.put(rs.getString("username"), rs.getLong("n"));
                }, (Object) candidates.toArray(String[]::new));
        return candidates.stream().min(Comparator.comparingLong(c -> load.getOrDefault(c, 0L))).orElseThrow();
    }

    /** 0 for the first ticket of a state, then 1, 2, ... */
    long nextTurn(String workflowKey, String stateKey) {
        Long turns = jdbc.queryForObject("""
                INSERT INTO assignee_rotation (workflow_key, state_key, turns) VALUES (?, ?, 1)
                ON CONFLICT (workflow_key, state_key) DO UPDATE SET turns = assignee_rotation.turns + 1
                RETURNING turns""", Long.class, workflowKey, stateKey);
        return turns - 1;
    }
}
