package dev.baton.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.event.TicketEventTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in message schemas and AsyncAPI document are what {@link MessageSchemas} generates from today's records:
 * an event record that changes without its schema fails here, naming the message type and how to fix it.
 */
class MessageSchemasTest {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Path ROOT = MessageSchemas.projectRoot();
    private static final String TICKET_HANDLED = TicketEventTypes.ceType(
            dev.baton.api.ticket.event.TicketHandled.class);

    @Test
    void checkedInSchemasAndAsyncApiDocumentAreWhatTheRecordsGenerate() {
        List<String> drift = MessageSchemas.drift(MessageSchemas.generate(), MessageSchemas.checkedIn(ROOT));

        assertThat(drift).as(String.join("\n", drift)).isEmpty();
    }

    @Test
    void driftNamesTheMessageTypeAndSaysToRegenerateAndWhenToBumpTheRevision() throws IOException {
        Map<Path, MessageSchemas.GeneratedFile> generated = MessageSchemas.generate();
        Map<Path, String> checkedIn = new TreeMap<>();
        generated.forEach((path, file) -> checkedIn.put(path, file.text()));
        Path ticketHandled = MessageSchemas.SCHEMAS.resolve("events").resolve(TICKET_HANDLED + ".json");
        ObjectNode withoutComment = (ObjectNode) MessageSchemas.JSON.readTree(checkedIn.get(ticketHandled));
        ((ObjectNode) withoutComment.get("properties")).remove("comment");
        checkedIn.put(ticketHandled, MessageSchemas.json(withoutComment));

        List<String> drift = MessageSchemas.drift(generated, checkedIn);

        assertThat(drift).singleElement().asString()
                .startsWith(TICKET_HANDLED + ": ")
                .contains("properties only in the records: [comment]")
                .contains("Regenerate with `mvn -pl ticket-api test-compile exec:java`")
                .contains("if the change is not backward compatible")
                .contains("bump the type's revision");
    }

    @Test
    void driftReportsAMissingSchemaAndOneThatDescribesNoMessage() {
        Map<Path, MessageSchemas.GeneratedFile> generated = MessageSchemas.generate();
        Map<Path, String> checkedIn = new TreeMap<>();
        generated.forEach((path, file) -> checkedIn.put(path, file.text()));
        Path fireTimer = MessageSchemas.COMMANDS.get(0).file();
        checkedIn.remove(fireTimer);
        checkedIn.put(MessageSchemas.SCHEMAS.resolve("events/dev.baton.ticket.TicketVanished.v1.json"), "{}");

        List<String> drift = MessageSchemas.drift(generated, checkedIn);

        assertThat(drift).hasSize(2);
        assertThat(drift.get(0)).startsWith("dev.baton.command.FireTimer.v1: ").contains("is not checked in");
        assertThat(drift.get(1)).contains("TicketVanished").contains("describes no message Baton writes");
    }

    @Test
    void everyTicketEventTypeHasASchemaWhoseIdIsItsDataSchema() throws IOException {
        for (var type : TicketEventTypes.ALL) {
            JsonNode schema = onClassPath("baton/schemas/events/" + TicketEventTypes.ceType(type) + ".json");
            assertThat(schema.path("$id").asText()).as(type.getSimpleName())
                    .isEqualTo(TicketEventTypes.dataSchema(type))
                    .isEqualTo("urn:baton:schema:dev.baton.ticket." + type.getSimpleName() + ".v1");
        }
    }

    @Test
    void everyCommandTheTopicTakesAndEveryConfigValueHasASchema() throws IOException {
        for (var type : CommandTopic.ALL) {
            assertThat(onClassPath("baton/schemas/commands/dev.baton.command." + type.getSimpleName() + ".v1.json")
                    .path("title").asText()).isEqualTo(type.getSimpleName());
        }
        for (String config : List.of("PublishedWorkflow", "DirectoryUser", "Department", "Role", "Delegation",
                "CallerApp")) {
            assertThat(onClassPath("baton/schemas/config/dev.baton.config." + config + ".v1.json")
                    .path("title").asText()).isEqualTo(config);
        }
    }

    @Test
    void everySchemaIsAValidDraft202012Schema() throws IOException {
        Schema metaSchema = SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (MessageType type : MessageSchemas.all()) {
            JsonNode schema = MessageSchemas.JSON.readTree(ROOT.resolve(type.file()).toFile());
            assertThat(metaSchema.validate(schema)).as(type.name()).isEmpty();
        }
    }

    @Test
    void eventSchemasRequireTheTicketActorAndTimeAndAcceptEverythingElseMissing() {
        Schema handled = schemaOf(MessageSchemas.EVENTS.get(1));
        String minimal = "{\"ticketId\":\"t-1\",\"actor\":\"lena\",\"at\":\"2026-11-22T09:00:00Z\"}";

        assertThat(handled.validate(read(minimal))).isEmpty();
        assertThat(messages(handled.validate(read("{\"actor\":\"lena\",\"at\":\"2026-11-22T09:00:00Z\"}"))))
                .anyMatch(message -> message.contains("ticketId"));
        assertThat(messages(handled.validate(read(minimal.replace("}", ",\"status\":\"LOST\"}")))))
                .anyMatch(message -> message.contains("status"));
        assertThat(handled.validate(read(minimal.replace("}", ",\"addedLater\":true}")))).isEmpty();
    }

    @Test
    void commandSchemasAcceptTheNullsTheirWriterKeeps() {
        Schema answer = schemaOf(MessageSchemas.COMMANDS.get(3));
        assertThat(MessageSchemas.COMMANDS.get(3).simpleName()).isEqualTo("AnswerHook");

        assertThat(answer.validate(read("{\"ticketId\":\"t-1\",\"hookId\":\"h-1\",\"success\":true,"
                + "\"exhausted\":false,\"message\":null,\"fields\":{\"note\":null}}"))).isEmpty();
        assertThat(answer.validate(read("{\"ticketId\":null,\"hookId\":\"h-1\",\"success\":true,"
                + "\"exhausted\":false}"))).isNotEmpty();
    }

    @Test
    void asyncApiDocumentNamesACheckedInSchemaForEveryMessageAndMarksTheAppsTopicInternal() throws IOException {
        JsonNode document = new YAMLMapper().readTree(ROOT.resolve(MessageSchemas.ASYNCAPI).toFile());

        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.path("channels").size()).isEqualTo(5);
        List<String> payloads = new ArrayList<>();
        document.path("components").path("messages").forEach(message -> {
            String file = message.path("payload").path("schema").path("$ref").asText();
            if (!file.isEmpty()) {
                payloads.add(file);
                assertThat(ROOT.resolve(MessageSchemas.ASYNCAPI).getParent().resolve(file)).isRegularFile();
            }
        });
        assertThat(payloads).hasSize(MessageSchemas.all().size());
        JsonNode apps = document.path("channels").path("apps");
        assertThat(apps.path("address").asText()).isEqualTo("baton.config.apps");
        assertThat(apps.path("description").asText()).startsWith("Internal to Baton's services");
        assertThat(apps.path("tags").get(0).path("name").asText()).isEqualTo("internal");
        assertThat(document.at("/components/messages/TicketHandled/headers/allOf/1/properties/ce_dataschema/const")
                .asText()).isEqualTo("urn:baton:schema:" + TICKET_HANDLED);
    }

    private static Schema schemaOf(MessageType type) {
        try {
            return SCHEMAS.getSchema(Files.readString(ROOT.resolve(type.file())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode onClassPath(String resource) throws IOException {
        try (InputStream in = MessageSchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat((Object) in).as(resource).isNotNull();
            return MessageSchemas.JSON.readTree(in);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MessageSchemas.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
