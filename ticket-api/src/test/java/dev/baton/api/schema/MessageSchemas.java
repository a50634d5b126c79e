package dev.baton.api.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.app.CallerApp;
import dev.baton.api.directory.Delegation;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.command.SystemCommand;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.workflow.PublishedWorkflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The contract of every message Baton writes on Kafka, generated from the records so it cannot drift from them: a
 * JSON Schema (draft 2020-12) per message type under {@link #SCHEMAS} and the AsyncAPI 3.0 document of the five
 * topics, {@link #ASYNCAPI}. {@code MessageSchemasTest} regenerates both in memory and fails on any difference with
 * the checked-in files.
 * <p>
 * A schema says what a reader can count on: a property is required only when it is never missing nor null (a
 * primitive, or an identity such as an event's ticket, actor and time); for messages written with every property
 * (commands, config values) the other properties may be null. Unknown properties are allowed: readers are tolerant.
 * <p>
 * Run {@value #REGENERATE} from the project root to write the files.
 */
public final class MessageSchemas {
    /** How to write the files again, from the project root. */
    public static final String REGENERATE = "mvn -pl ticket-api test-compile exec:java";
    static final String SCHEMA_PREFIX = CloudEventHeaders.DATA_SCHEMA_PREFIX;
    /** Where the schema files live, relative to the project root (on the class path as {@code baton/schemas/}). */
    static final Path SCHEMAS = Path.of("ticket-api", "src", "main", "resources", "baton", "schemas");
    static final Path ASYNCAPI = Path.of("docs", "asyncapi.yaml");
    /** Commands and config values carry no revision on the wire; their shapes are this one. */
    static final int COMMAND_REVISION = 1;
    static final int CONFIG_REVISION = 1;

    static final List<MessageType> EVENTS = TicketEventTypes.ALL.stream()
            .map(type -> new MessageType(TicketEventTypes.ceType(type), type, MessageType.Writing.COMPACT, "events"))
            .toList();
    static final List<MessageType> COMMANDS = CommandTopic.ALL.stream()
            .map(type -> new MessageType("dev.baton.command." + type.getSimpleName() + ".v" + COMMAND_REVISION, type,
                    MessageType.Writing.EVERY_PROPERTY, "commands"))
            .toList();
    static final MessageType WORKFLOW = config(PublishedWorkflow.class);
    static final MessageType USER = config(DirectoryUser.class);
    static final MessageType DEPARTMENT = config(Department.class);
    static final MessageType ROLE = config(Role.class);
    static final MessageType DELEGATION = config(Delegation.class);
    static final MessageType APP = config(CallerApp.class);
    static final List<MessageType> CONFIG = List.of(WORKFLOW, USER, DEPARTMENT, ROLE, DELEGATION, APP);

    /** Properties that are never missing nor null although their type allows it, by the type that promises it. */
    private static final Map<Class<?>, Set<String>> IDENTITIES = Map.of(
            TicketEvent.class, Set.of("ticketId", "actor", "at"),
            SystemCommand.class, Set.of("ticketId"),
            PublishedWorkflow.class, Set.of("key", "definition"),
            DirectoryUser.class, Set.of("username"),
            Department.class, Set.of("id"),
            Role.class, Set.of("id"),
            Delegation.class, Set.of("id", "delegator", "delegate", "from", "until"),
            CallerApp.class, Set.of("appId"));

    static final ObjectMapper JSON = new ObjectMapper();

    private MessageSchemas() {
    }

    /** Writes every schema file and the AsyncAPI document under the project root, removing stale schema files. */
    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : projectRoot();
        Map<Path, GeneratedFile> files = generate();
        for (GeneratedFile file : files.values()) {
            Path target = root.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.text(), StandardCharsets.UTF_8);
        }
        for (Path stale : checkedIn(root).keySet()) {
            if (!files.containsKey(stale)) {
                Files.delete(root.resolve(stale));
            }
        }
        System.out.println("Wrote " + files.size() + " files under " + root.toAbsolutePath().normalize());
    }

    /** Every message type Baton writes on Kafka. */
    static List<MessageType> all() {
        return Stream.of(EVENTS, COMMANDS, CONFIG).flatMap(List::stream).toList();
    }

    /** Every file this generator writes, by its path relative to the project root. */
    static Map<Path, GeneratedFile> generate() {
        Map<Path, GeneratedFile> files = new TreeMap<>();
        for (MessageType type : all()) {
            files.put(type.file(), new GeneratedFile(type.file(), type.name(), json(schema(type))));
        }
        files.put(ASYNCAPI, new GeneratedFile(ASYNCAPI, "AsyncAPI document", AsyncApiDocument.yaml()));
        return files;
    }

    /** The checked-in files this generator owns (the schema files and the AsyncAPI document), by relative path. */
    static Map<Path, String> checkedIn(Path root) {
        Map<Path, String> files = new TreeMap<>();
        try {
            if (Files.isDirectory(root.resolve(SCHEMAS))) {
                try (Stream<Path> walk = Files.walk(root.resolve(SCHEMAS))) {
                    for (Path file : walk.filter(p -> p.toString().endsWith(".json")).toList()) {
                        files.put(root.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
            if (Files.exists(root.resolve(ASYNCAPI))) {
                files.put(ASYNCAPI, Files.readString(root.resolve(ASYNCAPI), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The project root: the working directory, or its parent when run inside {@code ticket-api} (as tests are). */
    static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("ticket-api")) ? here : here.getParent();
    }

    /** The JSON Schema of one message type, with its {@code $id}, title and description first. */
    static ObjectNode schema(MessageType type) {
        ObjectNode generated = generator(type.writing()).generateSchema(type.record());
        ObjectNode schema = JSON.createObjectNode();
        schema.set("$schema", generated.remove("$schema"));
        schema.put("$id", type.schemaId());
        schema.put("title", type.simpleName());
        schema.put("description", description(type));
        schema.setAll(generated);
        return schema;
    }

    private static String description(MessageType type) {
        if (type.writing() == MessageType.Writing.COMPACT) {
            return "Ticket event " + type.simpleName() + ", revision " + TicketEventTypes.REVISION + ": the value of a "
                    + "record on baton.ticket.events whose ce_type is " + type.name() + ". Null and empty properties "
                    + "are left out.";
        }
        return type.simpleName() + ", revision " + (type.folder().equals("commands") ? COMMAND_REVISION
                : CONFIG_REVISION) + ", as its writer sends it: every property is written, a missing value as null.";
    }

    private static SchemaGenerator generator(MessageType.Writing writing) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.STANDARD_FORMATS);
        config.forFields().withRequiredCheck(MessageSchemas::required);
        config.forFields().withNullableCheck(field ->
                writing == MessageType.Writing.EVERY_PROPERTY && !required(field));
        config.forTypesInGeneral().withPropertySorter(Comparator.comparingInt(MessageSchemas::componentIndex));
        return new SchemaGenerator(config.build());
    }

    private static boolean required(FieldScope field) {
        if (field.getType().isPrimitive()) {
            return true;
        }
        Class<?> owner = field.getDeclaringType().getErasedType();
        return IDENTITIES.entrySet().stream().anyMatch(identity -> identity.getKey().isAssignableFrom(owner)
                && identity.getValue().contains(field.getDeclaredName()));
    }

    /** Properties in the order of the record's components, as the mapper writes them. */
    private static int componentIndex(MemberScope<?, ?> member) {
        RecordComponent[] components = member.getDeclaringType().getErasedType().getRecordComponents();
        for (int i = 0; components != null && i < components.length; i++) {
            if (components[i].getName().equals(member.getDeclaredName())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static MessageType config(Class<?> record) {
        return new MessageType("dev.baton.config." + record.getSimpleName() + ".v" + CONFIG_REVISION, record,
                MessageType.Writing.EVERY_PROPERTY, "config");
    }

    /** Two-space indented JSON, one array item per line, {@code "name": value}, ending with a newline. */
    static String json(JsonNode node) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter);
        printer.indentArraysWith(indenter);
        try {
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What differs between the generated files and the checked-in ones, one line per file naming its message type,
     * each saying how to fix it; empty when they agree.
     */
    static List<String> drift(Map<Path, GeneratedFile> generated, Map<Path, String> checkedIn) {
        List<String> problems = new ArrayList<>();
        for (GeneratedFile file : generated.values()) {
            String existing = checkedIn.get(file.path());
            if (existing == null) {
                problems.add(file.messageType() + ": " + file.path() + " is not checked in. " + advice());
            } else if (!existing.equals(file.text())) {
                problems.add(file.messageType() + ": " + file.path() + " differs from what the records generate"
                        + propertyChanges(existing, file.text()) + ". " + advice());
            }
        }
        checkedIn.keySet().stream().filter(path -> !generated.containsKey(path)).forEach(path ->
                problems.add(path + " describes no message Baton writes. Regenerate with `" + REGENERATE
                        + "`, which removes it."));
        return problems;
    }

    private static String advice() {
        return "Regenerate with `" + REGENERATE + "`, and if the change is not backward compatible (a property "
                + "removed, renamed, retyped or newly required), bump the type's revision "
                + "(TicketEventTypes.REVISION for ticket events) and add an upcaster.";
    }

    /** For two schemas: the top-level properties and required properties one has and the other lacks. */
    private static String propertyChanges(String checkedIn, String generated) {
        try {
            JsonNode was = JSON.readTree(checkedIn);
            JsonNode now = JSON.readTree(generated);
            Map<String, List<String>> changes = new LinkedHashMap<>();
            changes.put("properties only in the records", missingFrom(now.path("properties").fieldNames(),
                    was.path("properties")));
            changes.put("properties only in the checked-in schema", missingFrom(was.path("properties").fieldNames(),
                    now.path("properties")));
            StringBuilder described = new StringBuilder();
            changes.forEach((what, names) -> {
                if (!names.isEmpty()) {
                    described.append(described.isEmpty() ? " (" : "; ").append(what).append(": ").append(names);
                }
            });
            return described.isEmpty() ? "" : described.append(")").toString();
        } catch (IOException notJson) {
            return "";
        }
    }

    private static List<String> missingFrom(java.util.Iterator<String> names, JsonNode properties) {
        List<String> missing = new ArrayList<>();
        names.forEachRemaining(name -> {
            if (!properties.has(name)) {
                missing.add(name);
            }
        });
        return missing;
    }

    /** One generated file: its path from the project root, the message type it describes, and its text. */
    record GeneratedFile(Path path, String messageType, String text) {
    }
}
