package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReadYourWritesTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-07-01T09:00:00Z");

    @Test
    void aDetailRequestAheadOfTheProjectionAnswersOnceTheEventArrives() throws Exception {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Wait for it", DAY).projected();

        CompletableFuture<JsonNode> detail = CompletableFuture.supplyAsync(
                () -> ok(hr(), alice, "/tickets/" + story.id + "?minVersion=1&waitMillis=8000"));
        Thread.sleep(700);
        assertThat(detail).isNotDone();
        story.submit(lena);

        JsonNode answer = detail.get(10, TimeUnit.SECONDS);
        assertThat(answer.get("version").asLong()).isEqualTo(1);
        assertThat(answer.at("/state/key").asText()).isEqualTo("leader_approval");
    }

    @Test
    void aTicketNotYetCreatedCanBeWaitedFor() throws Exception {
        String alice = user("alice");
        TicketStory story = ticket();

        CompletableFuture<JsonNode> detail = CompletableFuture.supplyAsync(
                () -> ok(hr(), alice, "/tickets/" + story.id + "?minVersion=0"));
        Thread.sleep(500);
        story.create(alice, "Brand new", DAY);

        assertThat(detail.get(10, TimeUnit.SECONDS).get("ticketId").asText()).isEqualTo(story.id);
    }

    @Test
    void aVersionAlreadyProjectedAnswersAtOnce() {
        String alice = user("alice");
        TicketStory story = ticket().create(alice, "Already there", DAY).projected();

        long started = System.nanoTime();
        ok(hr(), alice, "/tickets/" + story.id + "?minVersion=0&waitMillis=5000");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aVersionThatNeverArrivesTimesOutWith503AndRetryAfter() {
        String alice = user("alice");
        TicketStory story = ticket().create(alice, "Never", DAY).projected();

        EntityExchangeResult<String> result = hr().get(alice, "/tickets/" + story.id + "?minVersion=7&waitMillis=300")
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectHeader().exists("Retry-After")
                .expectBody(String.class).returnResult();

        assertThat(read(result.getResponseBody()).get("code").asText()).isEqualTo("not-ready");
    }

    @Test
    void aListConsistentWithAWriteWaitsForIt() throws Exception {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "List wait", DAY).projected();

        CompletableFuture<JsonNode> todo = CompletableFuture.supplyAsync(
                () -> ok(hr(), lena, "/tickets/todo?consistentWith=" + story.id + ":1"));
        Thread.sleep(500);
        assertThat(todo).isNotDone();
        story.submit(lena);

        assertThat(todo.get(10, TimeUnit.SECONDS).at("/items/0/ticketId").asText()).isEqualTo(story.id);
        assertThat(problem(hr(), lena, "/tickets/todo?consistentWith=" + story.id + ":9&waitMillis=200", 503)
                .get("code").asText()).isEqualTo("not-ready");
    }

    @Test
    void aTicketOfAWorkflowTheCallerMayNotUseAnswersLikeAnUnknownTicketWhateverVersionIsAskedFor() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Not for expenses", DAY).submit(lena).projected();
        String unknown = "T-" + UUID.randomUUID();

        for (String read : List.of("", "/flow-log", "/steps")) {
            for (String wait : List.of("", "?minVersion=1&waitMillis=200", "?minVersion=9&waitMillis=200")) {
                JsonNode hidden = problem(other(), alice, "/tickets/" + story.id + read + wait, 404);
                JsonNode none = problem(other(), alice, "/tickets/" + unknown + read + wait, 404);

                assertThat(hidden.get("code").asText()).isEqualTo("ticket-not-found");
                assertThat(hidden.toString().replace(story.id, unknown)).as(read + wait).isEqualTo(none.toString());
            }
        }
        assertThat(ok(other(), alice, "/tickets/states?ids=" + story.id + "," + unknown).size()).isZero();
    }

    @Test
    void anUnknownTicketThatNeverComesIsNotFoundRatherThanNotReady() {
        String unknown = "T-" + UUID.randomUUID();

        for (String read : List.of("", "/flow-log", "/steps")) {
            assertThat(problem(hr(), "alice", "/tickets/" + unknown + read + "?minVersion=0&waitMillis=200", 404)
                    .get("code").asText()).isEqualTo("ticket-not-found");
        }
    }

    @Test
    void aTicketCreatedWhileAnotherApplicationWaitsForItStaysHiddenFromThatApplication() throws Exception {
        String alice = user("alice");
        TicketStory story = ticket();

        CompletableFuture<JsonNode> foreign = CompletableFuture.supplyAsync(() -> problem(other(), alice,
                "/tickets/" + story.id + "?minVersion=0&waitMillis=3000", 404));
        Thread.sleep(500);
        story.create(alice, "Made meanwhile", DAY).projected();

        assertThat(foreign.get(10, TimeUnit.SECONDS).get("code").asText()).isEqualTo("ticket-not-found");
        assertThat(ok(hr(), alice, "/tickets/" + story.id + "?minVersion=0").get("ticketId").asText())
                .isEqualTo(story.id);
    }

    @Test
    void aListConsistentWithATicketOfAnotherWorkflowRevealsNeitherItNorItsVersion() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Version stays hidden", DAY).submit(lena).projected();
        String unknown = "T-" + UUID.randomUUID();

        for (long version : List.of(0L, 1L, 9L)) {
            String hidden = problem(other(), lena, "/tickets/todo?consistentWith=" + story.id + ":" + version
                    + "&waitMillis=200", 503).toString();
            String none = problem(other(), lena, "/tickets/todo?consistentWith=" + unknown + ":" + version
                    + "&waitMillis=200", 503).toString();

            assertThat(hidden.replace(story.id, unknown)).as("version " + version).isEqualTo(none);
        }
        assertThat(ok(hr(), lena, "/tickets/todo?consistentWith=" + story.id + ":1").at("/items/0/ticketId").asText())
                .isEqualTo(story.id);
    }
}
