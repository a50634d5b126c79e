package dev.baton.notification.summary;

import dev.baton.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summaries of a poll are read in one statement and written in one multi-row upsert: every column survives the
 * round trip (nulls, names that need quoting in an array literal, nested field values), a known ticket's row takes
 * what changes and keeps what its creation said, and of several summaries of one ticket the last is kept.
 */
class TicketSummariesTest {
    static final TestDatabases.Database DB = TestDatabases.create("nwsum");
    static JdbcTemplate jdbc;
    static TicketSummaries summaries;

    @BeforeAll
    static void migrate() {
        Flyway.configure().dataSource(DB.jdbcUrl(), DB.username(), DB.password())
                .schemas("notification_worker").defaultSchema("notification_worker")
                .locations("classpath:db/migration/common", "classpath:db/migration/notification_worker")
                .load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(DB.jdbcUrl() + "?currentSchema=notification_worker",
                DB.username(), DB.password()));
        summaries = new TicketSummaries(jdbc);
    }

    static String newTicketId() {
        return "t-" + UUID.randomUUID();
    }

    static Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        // as events carry them (BatonJson): Long for integers, BigDecimal for decimals
        fields.put("days", 3L);
        fields.put("reason", "Family \"matters\", {urgent}\\ 假期");
        fields.put("amounts", List.of(1L, new BigDecimal("2.50"), "three"));
        fields.put("nested", Map.of("ok", true, "none", "NULL"));
        return fields;
    }

    static TicketSummary full(String ticketId) {
        return new TicketSummary(ticketId, "LR-000042", "Three days off, \"please\"", "leave-request", 7,
                "Leave request", "alice", "leader_approval", "Leader approval", "IN_PROGRESS", fields(),
                List.of("lena", "a\"b", "c,d", "{e}", "NULL", "back\\slash", " spaced "),
                List.of("zoe", "alice", "lena"), false);
    }

    @Test
    void everyColumnOfSeveralNewTicketsSurvivesTheRoundTrip() {
        TicketSummary first = full(newTicketId());
        TicketSummary bare = TicketSummary.unknown(newTicketId());
        TicketSummary ended = new TicketSummary(newTicketId(), null, "Ended", "expense", null, null, null, null, null,
                "FINISHED", Map.of(), List.of(), List.of("bob"), true);

        summaries.saveAll(List.of(first, bare, ended));

        Map<String, TicketSummary> found = summaries.findAll(List.of(first.ticketId(), bare.ticketId(),
                ended.ticketId(), newTicketId()));
        assertThat(found).hasSize(3);
        assertThat(found.get(first.ticketId())).isEqualTo(first);
        assertThat(found.get(bare.ticketId())).isEqualTo(bare);
        assertThat(found.get(ended.ticketId())).isEqualTo(ended);
        assertThat(summaries.find(first.ticketId())).contains(first);
        assertThat(jdbc.queryForObject("SELECT fields->'nested'->>'ok' FROM ticket_summary WHERE ticket_id = ?",
                String.class, first.ticketId())).as("fields are kept as jsonb").isEqualTo("true");
        assertThat(jdbc.queryForObject("SELECT array_length(assignees, 1) FROM ticket_summary WHERE ticket_id = ?",
                Integer.class, first.ticketId())).as("assignees are kept as text[]").isEqualTo(7);
    }

    @Test
    void aKnownTicketTakesItsNewStateAndKeepsWhatItsCreationSaid() {
        TicketSummary before = full(newTicketId());
        summaries.saveAll(List.of(before));
        Timestamp keptAt = jdbc.queryForObject("SELECT updated_at FROM ticket_summary WHERE ticket_id = ?",
                Timestamp.class, before.ticketId());

        Map<String, Object> fields = new LinkedHashMap<>(before.fields());
        fields.put("days", 4L);
        fields.put("note", null);
        TicketSummary after = new TicketSummary(before.ticketId(), "OTHER-1", "Another title", "other-workflow", 9,
                "Other workflow", "mallory", "approved", "Approved", "FINISHED", fields, List.of(),
                List.of("zoe", "alice", "lena", "bob"), true);
        TicketSummary other = full(newTicketId());
        summaries.saveAll(List.of(after, other));

        TicketSummary kept = summaries.find(before.ticketId()).orElseThrow();
        assertThat(kept).isEqualTo(new TicketSummary(before.ticketId(), before.serialNo(), before.title(),
                before.workflowKey(), before.workflowVersion(), before.workflowName(), before.creator(), "approved",
                "Approved", "FINISHED", fields, List.of(), List.of("zoe", "alice", "lena", "bob"), true));
        assertThat(jdbc.queryForObject("SELECT updated_at FROM ticket_summary WHERE ticket_id = ?", Timestamp.class,
                before.ticketId())).isAfter(keptAt);
        assertThat(summaries.find(other.ticketId())).contains(other);
    }

    @Test
    void ofSeveralSummariesOfOneTicketTheLastIsKept() {
        String ticketId = newTicketId();
        TicketSummary first = full(ticketId);
        TicketSummary second = new TicketSummary(ticketId, first.serialNo(), first.title(), first.workflowKey(),
                first.workflowVersion(), first.workflowName(), first.creator(), "approved", "Approved", "FINISHED",
                first.fields(), List.of(), first.participants(), true);

        summaries.saveAll(List.of(first, second));

        assertThat(summaries.find(ticketId)).contains(second);
    }

    @Test
    void aPollsWorthOfTicketsIsReadAndWrittenAtOnce() {
        List<TicketSummary> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(full(newTicketId()));
        }
        summaries.saveAll(many);
        Map<String, TicketSummary> found = summaries.findAll(many.stream().map(TicketSummary::ticketId).toList());
        assertThat(found).hasSize(500);
        many.forEach(s -> assertThat(found.get(s.ticketId())).isEqualTo(s));
        summaries.saveAll(List.of());
        assertThat(summaries.findAll(List.of())).isEmpty();
    }
}
