package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.Distribution;
import dev.baton.query.projection.TicketEventListener;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection takes each poll as one batch. These tests stop the listener, produce several tickets' events to one
 * partition and start it again, so that they meet in one poll.
 */
class BatchProjectionTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-09-01T09:00:00Z");
    private static final int PARTITION = 0;

    @Autowired
    private KafkaListenerEndpointRegistry registry;

    @Test
    void aPollOfSeveralTicketsIsProjectedInOneTransaction() {
        String alice = user("alice"), bob = user("bob"), lena = user("lena");
        TicketStory first;
        TicketStory second;
        try (Paused paused = pauseProjection()) {
            // instants finer than PostgreSQL's microseconds come back exactly
            first = ticket().inPartition(PARTITION).create(alice, "Batch one", DAY.plusNanos(1_500)).submit(lena);
            first.produce(first.sent(1));
            first.comment(alice, "after a duplicate");
            second = ticket().inPartition(PARTITION).create(bob, "Batch two", DAY.plusSeconds(1)).submit(lena);
        }
        first.projected();
        second.projected();

        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM ticket WHERE ticket_id IN (?, ?)",
                Long.class, first.id, second.id)).as("transactions that wrote the two tickets").isEqualTo(1);
        assertFlowLogTellsTheStory(first);
        assertFlowLogTellsTheStory(second);
        assertThat(ids(lena, "/tickets/todo")).containsExactly(second.id, first.id);
        assertThat(ids(alice, "/tickets/related")).containsExactly(first.id);
    }

    @Test
    void aPollWithADuplicateAndAnEarlyEventProjectsTheRestAndKeepsTheEarlyEventUntilItsPredecessorArrives() {
        String alice = user("alice"), bob = user("bob"), lena = user("lena");
        TicketStory waiting;
        TicketStory whole;
        ProducerRecord<String, String> submit;
        try (Paused paused = pauseProjection()) {
            waiting = ticket().inPartition(PARTITION).create(alice, "Gap in a poll", DAY.plusSeconds(10));
            submit = waiting.hold(s -> s.submit(lena));
            waiting.comment(alice, "arrives early");
            whole = ticket().inPartition(PARTITION).create(bob, "Whole in a poll", DAY.plusSeconds(11)).submit(lena);
            whole.produce(whole.sent(0));
            whole.comment(bob, "last");
        }
        whole.projected();
        waiting.projected(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(waiting.id) == 1);
        assertThat(waiting.projectedVersion()).isZero();
        assertThat(ids(lena, "/tickets/todo")).containsExactly(whole.id);

        waiting.produce(submit);
        waiting.projected();

        assertThat(parked(waiting.id)).isZero();
        assertFlowLogTellsTheStory(waiting);
        assertFlowLogTellsTheStory(whole);
        assertThat(ids(lena, "/tickets/todo")).containsExactly(whole.id, waiting.id);
    }

    @Test
    void userRowsWhoseValuesDoNotChangeAreNotRewritten() {
        String alice = user("alice"), lena = user("lena"), ops1 = user("ops1"), ops2 = user("ops2");
        TicketStory story = ticket().create(alice, "Few writes", DAY.plusSeconds(20)).submit(lena)
                .handle(lena, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, ops2)),
                        TicketStatus.IN_PROGRESS, Map.of(), null)
                .projected();
        Map<String, String> before = userRowVersions(story.id);
        assertThat(before).containsOnlyKeys(alice, lena, ops1, ops2);

        story.comment(lena, "no one's todo changes").projected();
        assertThat(userRowVersions(story.id)).isEqualTo(before);

        story.accept(ops1).projected();
        Map<String, String> after = userRowVersions(story.id);
        assertThat(after.get(alice)).isEqualTo(before.get(alice));
        assertThat(after.get(lena)).isEqualTo(before.get(lena));
        assertThat(after.get(ops1)).as("ops1 acted").isNotEqualTo(before.get(ops1));
        assertThat(after.get(ops2)).as("ops2 has nothing to do any more").isNotEqualTo(before.get(ops2));
        assertThat(ids(ops1, "/tickets/todo")).containsExactly(story.id);
        assertThat(ids(ops2, "/tickets/todo")).isEmpty();
        assertThat(ids(ops2, "/tickets/related")).containsExactly(story.id);
    }

    /** Every flow-log entry holds the ticket exactly as the story says it was after that event. */
    private void assertFlowLogTellsTheStory(TicketStory story) {
        JsonNode entries = ok(admin(), "root", "/tickets/" + story.id + "/flow-log").get("entries");
        assertThat(entries).hasSize((int) story.version() + 1);
        for (int seq = 0; seq <= story.version(); seq++) {
            assertThat(JSON.convertValue(entries.get(seq).get("snapshot"), TicketSnapshot.class))
                    .as("snapshot after event %d of %s", seq, story.id).isEqualTo(story.snapshot(seq));
        }
        JsonNode detail = ok(admin(), "root", "/tickets/" + story.id);
        assertThat(detail.get("version").asLong()).isEqualTo(story.version());
        assertThat(Instant.parse(detail.get("createdAt").asText())).isEqualTo(story.createdAt());
        assertThat(Instant.parse(detail.get("updatedAt").asText())).isEqualTo(story.snapshot().updatedAt());
    }

    private Map<String, String> userRowVersions(String ticketId) {
        Map<String, String> versions = new TreeMap<>();
        jdbc.query("""
                SELECT u.username, u.xmin::text AS version FROM ticket_user u JOIN ticket t ON t.ticket_no = u.ticket_no
                WHERE t.ticket_id = ?
                """, rs -> {
            versions.put(rs.getString("username"), rs.getString("version"));
        }, ticketId);
        return versions;
    }

    private long parked(String ticketId) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE ticket_id = ?", Long.class, ticketId);
        return n == null ? 0 : n;
    }

    private List<String> ids(String user, String path) {
        List<String> ids = new ArrayList<>();
        ok(hr(), user, path).get("items").forEach(item -> ids.add(item.get("ticketId").asText()));
        return ids;
    }

    /** The projection listener, stopped until {@link Paused#close()}. */
    private interface Paused extends AutoCloseable {
        @Override
        void close();
    }

    private Paused pauseProjection() {
        MessageListenerContainer container = registry.getListenerContainer(TicketEventListener.ID);
        assertThat(container).isNotNull();
        container.stop();
        return container::start;
    }
}
