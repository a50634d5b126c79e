package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.NoticeKind;
import dev.baton.api.workflow.NotificationTemplate;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.BatonJson;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications end to end over HTTP through all services, with a real SMTP server: a workflow published with its
 * own templates, users who chose email in the directory, a ticket submitted and rejected, the emails in the
 * workflow's words, and the ticket's delivery log as its participants and strangers see it.
 */
class NotificationsEndToEndTest {
    static final String ADMIN = "admin-console";
    static final String ADMIN_SECRET = "e2e-admin-secret";
    static final String OA = "demo-oa";
    static final String OA_SECRET = "e2e-oa-secret";

    static GreenMail smtp;
    static BatonServices services;
    static SignedClient config;
    static SignedClient commands;
    static SignedClient notifications;

    @BeforeAll
    static void startBaton() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        TestDatabases.Database db = TestDatabases.create("e2e_notify");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("workflow-config:baton.bootstrap.admin-app", ADMIN);
        properties.put("workflow-config:baton.bootstrap.admin-secret", ADMIN_SECRET);
        properties.put("workflow-config:baton.bootstrap.apps[0].app-id", OA);
        properties.put("workflow-config:baton.bootstrap.apps[0].secret", OA_SECRET);
        properties.put("workflow-config:baton.bootstrap.apps[0].workflows[0]", "expense-claim");
        properties.put("workflow-config:baton.demo.enabled", "true");
        properties.put("notification-worker:spring.mail.host", "127.0.0.1");
        properties.put("notification-worker:spring.mail.port", Integer.toString(smtp.getSmtp().getPort()));
        properties.put("notification-worker:baton.notification.channels.email.type", "EMAIL");
        properties.put("notification-worker:baton.notification.channels.email.from", "baton@example.com");
        properties.put("notification-worker:baton.notification.ticket-url", "https://desk.example.com/t/{id}");
        properties.put("notification-worker:baton.notification.poll-interval", "50ms");
        services = BatonServices.start(new BatonServices.Infrastructure(db.jdbcUrl(), db.username(), db.password(),
                TestKafka.bootstrapServers()), BatonServices.Ports.random(), properties);
        config = new SignedClient(services.url("workflow-config"), ADMIN, ADMIN_SECRET);
        commands = new SignedClient(services.url("ticket-command"), OA, OA_SECRET);
        notifications = new SignedClient(services.url("notification-worker"), OA, OA_SECRET);
        for (String user : List.of("alice", "lena")) {
            JsonNode entry = BatonJson.mapper().readTree(config.get("admin", "/directory/users/" + user)
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody());
            Map<String, Object> withEmail = BatonJson.mapper().convertValue(entry, Map.class);
            withEmail.put("channels", List.of("email"));
            config.put("admin", "/directory/users/" + user, withEmail).expectStatus().is2xxSuccessful();
        }
    }

    @AfterAll
    static void stopBaton() {
        if (services != null) {
            services.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** draft → review (lena) → done; a rejection returns to draft. Its own wording for new work and rejections. */
    static WorkflowDefinition expenseClaim(List<NotificationTemplate> templates) {
        return new WorkflowDefinition("expense-claim", "Expense claim", null, false, List.of("admin"),
                List.of(new FieldDef("amount", "Amount", FieldType.INTEGER, null)), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of("amount", FieldAccess.REQUIRED),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("review", "Review", StateType.NORMAL, 2, false, Map.of(),
                        new ParticipantRule(ParticipantKind.USERS, List.of("lena")), null),
                new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "review", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("approve", "Approve", "review", "done", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("reject", "Reject", "review", "draft", TransitionKind.REJECT, true,
                                List.of())),
                null, null, false, List.of(), templates);
    }

    @Test
    void aTicketsPeopleAreMailedInTheWorkflowsWordsAndItsParticipantsReadTheDeliveryLog() throws Exception {
        config.post("admin", "/workflows/import?publish=true", expenseClaim(List.of(
                new NotificationTemplate(NoticeKind.NEW_TODO, "Claim ${ticket.serialNo}: ${ticket.fields.amount} EUR",
                        "${recipient.name}, ${ticket.creatorName} claims ${ticket.fields.amount} EUR for "
                                + "\"${ticket.title}\". ${ticket.url}"),
                new NotificationTemplate(NoticeKind.REJECTED, "Your claim was rejected",
                        "${event.actorName} rejected \"${ticket.title}\": ${event.comment}"))))
                .expectStatus().is2xxSuccessful();
        JsonNode[] created = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> created[0] = BatonJson.mapper().readTree(
                commands.post("alice", "/tickets", Map.of("workflow", "expense-claim", "title", "Taxi",
                                "fields", Map.of("amount", 42), "transition", "submit"))
                        .expectStatus().isCreated().expectBody().returnResult().getResponseBody()));
        String ticketId = created[0].get("ticketId").asText();

        MimeMessage toLena = awaitMail("lena@example.com", m -> subject(m).startsWith("Claim "));
        assertThat(subject(toLena)).endsWith(": 42 EUR");
        assertThat(toLena.getContent().toString().strip())
                .isEqualTo("Lena, Alice claims 42 EUR for \"Taxi\". https://desk.example.com/t/" + ticketId);

        commands.post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "reject",
                "comment", "Receipt missing")).expectStatus().isOk();
        MimeMessage toAlice = awaitMail("alice@example.com", m -> subject(m).equals("Your claim was rejected"));
        assertThat(toAlice.getContent().toString().strip()).isEqualTo("Lena rejected \"Taxi\": Receipt missing");

        String log = "/tickets/" + ticketId + "/deliveries";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> notifications.get("alice", log)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].recipient").isEqualTo("lena")
                .jsonPath("$[0].kind").isEqualTo("NEW_TODO")
                .jsonPath("$[0].channel").isEqualTo("email")
                .jsonPath("$[0].status").isEqualTo("DELIVERED")
                .jsonPath("$[1].recipient").isEqualTo("alice")
                .jsonPath("$[1].kind").isEqualTo("REJECTED")
                .jsonPath("$[1].status").isEqualTo("DELIVERED"));
        notifications.get("lena", log).expectStatus().isOk();
        notifications.get("sam", log).expectStatus().isForbidden();
    }

    @Test
    void aTemplateThatIsNotValidIsRefusedAtPublish() {
        config.post("admin", "/workflows/import?publish=true", expenseClaim(List.of(
                new NotificationTemplate(NoticeKind.ENDED, null, "Done: ${ticket.title"))))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://baton.dev/problems/invalid-definition");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static MimeMessage awaitMail(String to, java.util.function.Predicate<MimeMessage> which) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().contains(to) && which.test(m);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst(), Optional::isPresent).orElseThrow();
    }
}
