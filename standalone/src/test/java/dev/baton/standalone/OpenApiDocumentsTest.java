package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents the client SDKs are generated from ({@code clients/openapi/<service>.json}) are what the
 * services serve: a change to an endpoint that leaves them behind fails here. Regenerate them with
 * {@value #REGENERATE}.
 */
class OpenApiDocumentsTest {
    static final String REGENERATE = "mvn -pl standalone test -Dtest=OpenApiDocumentsTest -Dbaton.openapi.write=true";
    static final List<String> SERVICES = List.of("workflow-config", "ticket-command", "ticket-query",
            "notification-worker");
    static final Path DOCUMENTS = Path.of("..", "clients", "openapi");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static BatonServices services;

    @BeforeAll
    static void startBaton() {
        TestDatabases.Database db = TestDatabases.create("e2e_openapi");
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), Map.of(
                "workflow-config:baton.bootstrap.admin-app", "admin-console",
                "workflow-config:baton.bootstrap.admin-secret", "openapi-admin-secret"));
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
    }

    /** The document a service serves, without what differs from one run to the next (its own address). */
    static String served(String service) throws IOException {
        byte[] body = WebTestClient.bindToServer().baseUrl(services.url(service)).build().get().uri("/v3/api-docs")
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        ObjectNode document = (ObjectNode) JSON.readTree(body);
        document.remove("servers");
        return JSON.writeValueAsString(JSON.treeToValue(document, Object.class)) + "\n";
    }

    @Test
    void theCheckedInDocumentsAreWhatTheServicesServe() throws IOException {
        boolean write = Boolean.getBoolean("baton.openapi.write");
        List<String> stale = new ArrayList<>();
        for (String service : SERVICES) {
            String served = served(service);
            Path file = DOCUMENTS.resolve(service + ".json");
            if (write) {
                Files.createDirectories(DOCUMENTS);
                Files.writeString(file, served);
            } else if (!Files.exists(file) || !Files.readString(file).equals(served)) {
                stale.add(service);
            }
        }
        assertThat(stale).as("OpenAPI documents in clients/openapi that differ from what the services serve; "
                + "regenerate them with: " + REGENERATE).isEmpty();
        for (String service : SERVICES) {
            JsonNode document = JSON.readTree(DOCUMENTS.resolve(service + ".json").toFile());
            assertThat(document.at("/info/title").asText()).as(service).isEqualTo("Baton " + service + " API");
            assertThat(document.get("paths").size()).as(service).isPositive();
        }
    }
}
