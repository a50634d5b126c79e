package dev.baton.query;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class BadRequestsTest extends QueryTestBase {

    @Test
    void badListParametersAreRefusedWith400() {
        String alice = user("alice");
        for (String query : new String[]{"cursor=not-a-cursor", "cursor=Zm9vYmFy", "createdFrom=yesterday",
                "createdTo=2026-13-01T00:00:00Z", "createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z",
                "limit=0", "limit=101", "limit=ten", "status=LOST", "consistentWith=nonsense",
                "consistentWith=T-1:x"}) {
            assertThat(problem(hr(), alice, "/tickets/created?" + query, 400).get("code").asText())
                    .as(query).isEqualTo("invalid-input");
        }
    }

    @Test
    void badDetailParametersAreRefusedWith400() {
        assertThat(problem(hr(), "alice", "/tickets/T-x?minVersion=-1", 400).get("code").asText()).isEqualTo("invalid-input");
        assertThat(problem(hr(), "alice", "/tickets/T-x?minVersion=1&waitMillis=soon", 400).get("code").asText())
                .isEqualTo("invalid-input");
        assertThat(problem(hr(), "alice", "/tickets/states", 400).get("code").asText()).isEqualTo("invalid-input");
    }

    @Test
    void anUnknownTicketIs404() {
        for (String path : new String[]{"/tickets/T-unknown", "/tickets/T-unknown/flow-log", "/tickets/T-unknown/steps"}) {
            assertThat(problem(hr(), "alice", path, 404).get("code").asText()).as(path).isEqualTo("ticket-not-found");
        }
    }

    @Test
    void unsignedRequestsAreRefusedWith401() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .get().uri("/tickets/todo").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void onlyAdminCallersMayRebuildTheProjection() {
        hr().post("alice", "/admin/projections/rebuild", null).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("admin-required");
    }
}
