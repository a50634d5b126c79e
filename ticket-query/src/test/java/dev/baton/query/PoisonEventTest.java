package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No single event stops the projection: an event the database refuses, however often it is retried, is parked with
 * its error (logged at ERROR, counted, listed for admins); the ticket's later events wait behind it, every other
 * ticket on the partition is projected; a read-your-writes for a version behind it is refused at once; and the
 * admin's retry applies it, with what waited behind it, once the cause is fixed.
 */
class PoisonEventTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-08-01T09:00:00Z");
    @Autowired
    MeterRegistry meters;

    private final String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void dropTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS " + trigger + " ON ticket");
        jdbc.execute("DROP FUNCTION IF EXISTS " + trigger + "()");
    }

    @Test
    void anEventTheDatabaseRefusesIsParkedAndTheTicketsBehindItAreProjected() {
        String alice = user("alice");
        double parkedBefore = parkedCount();
        TicketStory poisoned = ticket().inPartition(0).create(alice, "Nul \u0000 in the title", DAY);
        TicketStory behind = ticket().inPartition(0).create(alice, "Right behind it", DAY);

        behind.projected();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.queryForList("SELECT reason FROM parked_event WHERE ticket_id = ?", String.class, poisoned.id))
                .containsExactly("failed"));
        assertThat(poisoned.projectedVersion()).isEqualTo(-1);
        assertThat(parkedCount()).isGreaterThan(parkedBefore);

        JsonNode listed = ok(admin(), "admin", "/admin/projections/parked?limit=1000");
        JsonNode entry = null;
        for (JsonNode item : listed) {
            if (item.path("ticketId").asText().equals(poisoned.id)) {
                entry = item;
            }
        }
        assertThat(entry).as("listed for admins").isNotNull();
        assertThat(entry.path("reason").asText()).isEqualTo("failed");
        assertThat(entry.path("error").asText()).isNotBlank();
        problem(hr(), alice, "/admin/projections/parked", 403);
    }

    @Test
    void theAdminRetryAppliesAParkedEventAndItsSuccessorsOnceTheCauseIsFixed() {
        String alice = user("alice"), lena = user("lena");
        String title = "Refused once " + UUID.randomUUID();
        refuseUpdatesOfTitle(title);
        TicketStory story = ticket().inPartition(1).create(alice, title, DAY).projected();
        story.submit(lena).comment(lena, "waits behind the submit");
        TicketStory behind = ticket().inPartition(1).create(alice, "After the refused one", DAY);

        behind.projected();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT reason FROM parked_event WHERE ticket_id = ? ORDER BY seq", String.class, story.id))
                .containsExactly("failed", "gap"));
        assertThat(story.projectedVersion()).isZero();

        long started = System.nanoTime();
        JsonNode refused = problem(hr(), alice, "/tickets/" + story.id + "?minVersion=2&waitMillis=8000", 409);
        assertThat(refused.path("code").asText()).isEqualTo("ticket-parked");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused without the wait")
                .isLessThan(Duration.ofSeconds(6));
        assertThat(problem(hr(), alice, "/tickets/created?consistentWith=" + story.id + ":1", 409).path("code").asText())
                .isEqualTo("ticket-parked");

        long parkedId = jdbc.queryForObject("SELECT id FROM parked_event WHERE ticket_id = ? AND reason = 'failed'",
                Long.class, story.id);
        JsonNode again = admin().post("admin", "/admin/projections/parked/" + parkedId + "/retry", null)
                .expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.path("code").asText()).isEqualTo("retry-failed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE id = ?", Long.class, parkedId))
                .isEqualTo(1);

        dropTrigger();
        JsonNode retried = admin().post("admin", "/admin/projections/parked/" + parkedId + "/retry", null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(retried.path("outcome").asText()).isEqualTo("applied");
        assertThat(retried.path("version").asLong()).isEqualTo(2);
        assertThat(ok(hr(), alice, "/tickets/" + story.id + "?minVersion=2").path("version").asLong()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE ticket_id = ?", Long.class, story.id))
                .isZero();
        admin().post("admin", "/admin/projections/parked/" + parkedId + "/retry", null).expectStatus().isNotFound();
    }

    private void refuseUpdatesOfTitle(String title) {
        jdbc.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.title = '" + title + "' AND NEW.version > 0 THEN "
                + "RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22023'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON ticket FOR EACH ROW EXECUTE FUNCTION "
                + trigger + "()");
    }

    private double parkedCount() {
        var counter = meters.find("baton.projection.parked").tag("reason", "failed").counter();
        return counter == null ? 0 : counter.count();
    }
}
