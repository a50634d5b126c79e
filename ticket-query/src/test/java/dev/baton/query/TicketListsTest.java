package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.Distribution;
import dev.baton.testing.SignedClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TicketListsTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-04-01T09:00:00Z");

    @Test
    void todoFollowsTheTicketFromUserToUserAsEventsArrive() {
        String alice = user("alice"), lena = user("lena"), ops1 = user("ops1"), ops2 = user("ops2");
        TicketStory story = ticket().create(alice, "Moving", DAY).projected();
        assertThat(ids(hr(), alice, "/tickets/todo")).containsExactly(story.id);

        story.submit(lena).projected();
        assertThat(ids(hr(), alice, "/tickets/todo")).isEmpty();
        assertThat(ids(hr(), lena, "/tickets/todo")).containsExactly(story.id);

        story.handle(lena, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, ops2)),
                TicketStatus.IN_PROGRESS, Map.of(), null).projected();
        assertThat(ids(hr(), lena, "/tickets/todo")).isEmpty();
        JsonNode ops2Todo = ok(hr(), ops2, "/tickets/todo");
        assertThat(ops2Todo.at("/items/0/ticketId").asText()).isEqualTo(story.id);
        assertThat(ops2Todo.at("/items/0/awaitingAccept").asBoolean()).isTrue();
        assertThat(ops2Todo.at("/items/0/users")).hasSize(2);

        story.accept(ops1).projected();
        assertThat(ids(hr(), ops2, "/tickets/todo")).isEmpty();
        assertThat(ids(hr(), ops1, "/tickets/todo")).containsExactly(story.id);

        story.handle(ops1, "complete", "done", Assignment.nobody(), TicketStatus.FINISHED, Map.of(), null).projected();
        assertThat(ids(hr(), ops1, "/tickets/todo")).isEmpty();
        for (String user : List.of(alice, lena, ops1, ops2)) {
            assertThat(ids(hr(), user, "/tickets/related")).as(user).containsExactly(story.id);
        }
    }

    @Test
    void relatedHoldsTicketsTheUserCreatedWasAssignedOrActedOn() {
        String sue = user("sue"), alice = user("alice"), lena = user("lena"), bob = user("bob");
        TicketStory created = ticket().create(sue, "Sue's own", DAY).projected();
        TicketStory signed = ticket().create(alice, "Sue was asked", DAY.plusSeconds(10)).submit(lena).addSign(lena, sue)
                .finishSign(sue).projected();
        TicketStory commented = ticket().create(alice, "Sue commented", DAY.plusSeconds(20)).comment(sue, "me too")
                .projected();
        TicketStory stranger = ticket().create(bob, "Not Sue's", DAY.plusSeconds(30)).submit(lena).projected();

        assertThat(ids(hr(), sue, "/tickets/related")).containsExactly(commented.id, signed.id, created.id)
                .doesNotContain(stranger.id);
        assertThat(ids(hr(), sue, "/tickets/created")).containsExactly(created.id);
        assertThat(ids(hr(), sue, "/tickets/todo")).containsExactly(created.id);
    }

    @Test
    void workedHoldsTicketsTheUserTookATurnOnButNotThoseTheyOnlyCommentedOnOrWaitFor() {
        String sue = user("sue"), alice = user("alice"), lena = user("lena"), ops1 = user("ops1");
        Assignment atOps = Assignment.of(Distribution.ACCEPT_FIRST, List.of(sue, ops1));
        TicketStory approved = ticket().create(alice, "Sue approved", DAY).submit(sue)
                .handle(sue, "leader_approve", "ops_handling", Assignment.of(Distribution.ACCEPT_FIRST, List.of(ops1, lena)),
                        TicketStatus.IN_PROGRESS, Map.of(), null).projected();
        TicketStory accepted = ticket().create(alice, "Sue accepted", DAY.plusSeconds(10)).submit(lena)
                .handle(lena, "leader_approve", "ops_handling", atOps, TicketStatus.IN_PROGRESS, Map.of(), null)
                .accept(sue).projected();
        TicketStory signed = ticket().create(alice, "Sue signed", DAY.plusSeconds(20)).submit(lena).addSign(lena, sue)
                .finishSign(sue).projected();
        TicketStory passedOn = ticket().create(alice, "Sue passed it on", DAY.plusSeconds(30)).submit(sue)
                .transfer(sue, lena).projected();
        TicketStory submitted = ticket().create(sue, "Sue submitted", DAY.plusSeconds(40)).submit(lena).projected();
        TicketStory commented = ticket().create(alice, "Sue commented", DAY.plusSeconds(50)).comment(sue, "me too")
                .copy(sue, lena).projected();
        TicketStory waiting = ticket().create(alice, "Waits for Sue", DAY.plusSeconds(60)).submit(sue).projected();
        TicketStory draft = ticket().create(sue, "Sue's draft", DAY.plusSeconds(70)).projected();

        assertThat(ids(hr(), sue, "/tickets/worked"))
                .containsExactly(submitted.id, passedOn.id, signed.id, accepted.id, approved.id);
        assertThat(ids(hr(), sue, "/tickets/related")).containsExactly(draft.id, waiting.id, commented.id,
                submitted.id, passedOn.id, signed.id, accepted.id, approved.id);
        assertThat(ids(hr(), lena, "/tickets/worked")).containsExactly(signed.id, accepted.id);
        assertThat(ids(hr(), ops1, "/tickets/worked")).isEmpty();
        assertThat(ids(hr(), alice, "/tickets/worked"))
                .containsExactly(waiting.id, passedOn.id, signed.id, accepted.id, approved.id);
        assertThat(ids(hr(), sue, "/tickets/worked?title=sue%20s&limit=1")).containsExactly(submitted.id);
        assertThat(pages(hr(), sue, "/tickets/worked", 2)).isEqualTo(ids(hr(), sue, "/tickets/worked"));
        assertThat(ids(other(), sue, "/tickets/worked")).isEmpty();
    }

    @Test
    void everyListFiltersByParentTicket() {
        String alice = user("alice"), lena = user("lena"), sue = user("sue");
        TicketStory parent = ticket().create(alice, "Onboarding", DAY).submit(lena).projected();
        TicketStory first = ticket().createChild(alice, "Laptop", DAY.plusSeconds(10), parent).submit(lena).copy(alice, sue)
                .projected();
        TicketStory second = ticket().createChild(alice, "Badge", DAY.plusSeconds(20), parent).submit(lena).projected();
        TicketStory unrelated = ticket().create(alice, "Not a child", DAY.plusSeconds(30)).submit(lena).copy(alice, sue)
                .projected();
        String children = "parent=" + parent.id;

        assertThat(ids(hr(), alice, "/tickets/created?" + children)).containsExactly(second.id, first.id);
        assertThat(ids(hr(), alice, "/tickets/related?" + children)).containsExactly(second.id, first.id);
        assertThat(ids(hr(), alice, "/tickets/worked?" + children)).containsExactly(second.id, first.id);
        assertThat(ids(hr(), lena, "/tickets/todo?" + children)).containsExactly(second.id, first.id);
        assertThat(ids(hr(), sue, "/tickets/cc?" + children)).containsExactly(first.id);
        assertThat(ids(admin(), "root", "/tickets/all?" + children)).containsExactly(second.id, first.id);
        assertThat(ids(hr(), alice, "/tickets/created")).contains(parent.id, unrelated.id);
        assertThat(ids(hr(), alice, "/tickets/created?" + children + "&title=badge")).containsExactly(second.id);
        assertThat(pages(hr(), lena, "/tickets/todo?" + children, 1)).containsExactly(second.id, first.id);
        assertThat(ids(hr(), alice, "/tickets/created?parent=" + first.id)).isEmpty();
        assertThat(ids(hr(), alice, "/tickets/created?parent=T-unknown")).isEmpty();
    }

    @Test
    void listItemsCarryWhatAListShows() {
        String alice = user("alice"), lena = user("lena");
        TicketStory story = ticket().create(alice, "Shape", DAY, 1, "LR-SHAPE-1", Map.of("days", 1L))
                .submit(lena).projected();

        JsonNode item = ok(hr(), lena, "/tickets/todo").at("/items/0");

        assertThat(item.get("ticketId").asText()).isEqualTo(story.id);
        assertThat(item.get("serialNo").asText()).isEqualTo("LR-SHAPE-1");
        assertThat(item.get("title").asText()).isEqualTo("Shape");
        assertThat(item.get("workflowKey").asText()).isEqualTo("leave-request");
        assertThat(item.get("workflowName").asText()).isEqualTo("Leave request");
        assertThat(item.get("state").toString()).isEqualTo(
                "{\"key\":\"leader_approval\",\"name\":\"Leader approval\",\"type\":\"NORMAL\"}");
        assertThat(item.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(item.get("creator").asText()).isEqualTo(alice);
        assertThat(item.get("users").toString()).isEqualTo("[\"" + lena + "\"]");
        // the former name, still sent in this version
        assertThat(item.get("participants")).isEqualTo(item.get("users"));
        assertThat(item.get("awaitingAccept").asBoolean()).isFalse();
        assertThat(Instant.parse(item.get("createdAt").asText())).isEqualTo(DAY);
        assertThat(Instant.parse(item.get("updatedAt").asText())).isEqualTo(DAY.plusSeconds(60));
        assertThat(item.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void filtersNarrowEveryList() {
        String alice = user("alice"), lena = user("lena");
        TicketStory draft = ticket().create(alice, "Ski trip 100%", DAY, 1, "LR-2026-001", Map.of()).projected();
        TicketStory submitted = ticket().create(alice, "SKI week", DAY.plusSeconds(3600), 1, "LR-2026-002", Map.of())
                .submit(lena).projected();
        TicketStory closed = ticket().create(alice, "Wedding 1000", DAY.plusSeconds(7200), 1, "LR-2027-003", Map.of())
                .close(alice, "changed my mind").projected();

        String created = "/tickets/created";
        assertThat(ids(hr(), alice, created)).containsExactly(closed.id, submitted.id, draft.id);
        assertThat(ids(hr(), alice, created + "?workflow=leave-request")).hasSize(3);
        assertThat(ids(hr(), alice, created + "?workflow=expenses")).isEmpty();
        assertThat(ids(hr(), alice, created + "?state=leader_approval")).containsExactly(submitted.id);
        assertThat(ids(hr(), alice, created + "?status=DRAFT")).containsExactly(draft.id);
        assertThat(ids(hr(), alice, created + "?status=closed")).containsExactly(closed.id);
        assertThat(ids(hr(), alice, created + "?createdFrom=" + DAY.plusSeconds(3600))).containsExactly(closed.id, submitted.id);
        assertThat(ids(hr(), alice, created + "?createdTo=" + DAY.plusSeconds(3600))).containsExactly(draft.id);
        assertThat(ids(hr(), alice, created + "?createdFrom=" + DAY + "&createdTo=" + DAY.plusSeconds(7200)))
                .containsExactly(submitted.id, draft.id);
        assertThat(ids(hr(), alice, created + "?title=ski")).containsExactly(submitted.id, draft.id);
        assertThat(ids(hr(), alice, created + "?title=1000")).containsExactly(closed.id);
        assertThat(ids(hr(), alice, created + "?title=_")).isEmpty();
        assertThat(ids(hr(), alice, created + "?title=wedding%201000")).containsExactly(closed.id);
        assertThat(ids(hr(), alice, created + "?title=100%25")).containsExactly(draft.id);
        assertThat(ids(hr(), alice, created + "?serialNo=LR-2026")).containsExactly(submitted.id, draft.id);
        assertThat(ids(hr(), alice, created + "?serialNo=2026")).isEmpty();
        assertThat(ids(hr(), alice, "/tickets/related?title=wedding&status=CLOSED")).containsExactly(closed.id);
        assertThat(ids(hr(), lena, "/tickets/todo?state=leader_approval&serialNo=LR-2026-00")).containsExactly(submitted.id);
        assertThat(ids(admin(), "root", "/tickets/all?serialNo=LR-2027-003&title=wedding")).contains(closed.id);
        // a filter is a value, never SQL
        assertThat(ids(hr(), alice, created + "?title=%27%20OR%20%271%27%3D%271")).isEmpty();
        assertThat(ids(hr(), alice, created + "?state=x%27%20OR%20true%20--")).isEmpty();
        assertThat(ids(hr(), alice, created + "?parent=x%27%20OR%20true%20--")).isEmpty();
    }

    @Test
    void keysetPagesNeitherRepeatNorSkipTickets() {
        String alice = user("alice"), lena = user("lena");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            // pairs of tickets share a creation time, so the ticket id breaks ties
            TicketStory story = ticket().create(alice, "Paged " + i, DAY.plusSeconds(60L * (i / 2))).submit(lena);
            expected.add(story.id);
            if (i == 10) {
                story.projected();
            }
        }
        for (String id : expected) {
            awaitProjected(id);
        }
        for (String path : List.of("/tickets/created", "/tickets/related")) {
            List<String> all = ids(hr(), alice, path + "?limit=100");
            assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(pages(hr(), alice, path, 3)).isEqualTo(all);
            assertThat(pages(hr(), alice, path, 1)).isEqualTo(all);
        }
        assertThat(pages(hr(), lena, "/tickets/todo", 4)).isEqualTo(ids(hr(), lena, "/tickets/todo?limit=100"))
                .hasSize(11);
        assertThat(pages(admin(), "root", "/tickets/all?title=Paged", 5)).containsAll(expected);
    }

    @Test
    void onlyAdminCallersMayListAllTickets() {
        String alice = user("alice");
        TicketStory story = ticket().create(alice, "Everyone's " + alice, DAY).projected();

        assertThat(problem(hr(), alice, "/tickets/all", 403).get("code").asText()).isEqualTo("admin-required");
        assertThat(ids(admin(), alice, "/tickets/all?title=" + alice)).containsExactly(story.id);
    }

    @Test
    void listsLeaveOutWorkflowsTheCallerMayNotUse() {
        String alice = user("alice");
        ticket().create(alice, "Hidden from expenses", DAY).projected();

        assertThat(ids(other(), alice, "/tickets/todo")).isEmpty();
        assertThat(ids(other(), alice, "/tickets/created")).isEmpty();
        assertThat(ids(hr(), alice, "/tickets/created")).hasSize(1);
    }

    private void awaitProjected(String id) {
        org.awaitility.Awaitility.await().until(() -> !jdbc.queryForList(
                "SELECT 1 FROM ticket WHERE ticket_id = ? AND version >= 1", id).isEmpty());
    }

    private List<String> pages(SignedClient client, String user, String path, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        String separator = path.contains("?") ? "&" : "?";
        do {
            JsonNode page = ok(client, user, path + separator + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(item -> seen.add(item.get("ticketId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates();
        return seen;
    }

    private List<String> ids(SignedClient client, String user, String path) {
        List<String> ids = new ArrayList<>();
        ok(client, user, path).get("items").forEach(item -> ids.add(item.get("ticketId").asText()));
        return ids;
    }
}
