package dev.baton.command.ticket.comment;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.CommentOnTicket;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Commenting: who may, and never blank. */
class CommentTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void aRelatedUserComments() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new CommentOnTicket(ID, "lena", APP, "looking at it", null))
                .expectEvents(new CommentAdded(ID, "lena", NOW, "looking at it"));
    }

    @Test
    void refusesACommentByAStrangerWhenViewingIsRestricted() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new CommentOnTicket(ID, "bob", APP, "hi", null))
                .expectException(refused(ErrorCode.NOT_ALLOWED_TO_VIEW));
    }

    @Test
    void refusesABlankComment() {
        fixture.given(created(Map.of("days", 2L)))
                .when(new CommentOnTicket(ID, "alice", APP, "  ", null))
                .expectException(refused(ErrorCode.INVALID_INPUT));
    }
}
