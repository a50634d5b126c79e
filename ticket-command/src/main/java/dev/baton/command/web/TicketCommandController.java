package dev.baton.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.command.CloseTicket;
import dev.baton.api.ticket.command.CommandResult;
import dev.baton.api.ticket.command.CommentOnTicket;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.command.DeleteTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.command.ReleaseTicket;
import dev.baton.api.ticket.command.RetryHook;
import dev.baton.api.ticket.command.SendBackTicket;
import dev.baton.api.ticket.command.TicketCommand;
import dev.baton.api.ticket.command.WithdrawTicket;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.command.idempotency.IdempotentRequests;
import dev.baton.api.trace.TraceParent;
import dev.baton.support.auth.Caller;
import dev.baton.support.logging.TicketLog;
import dev.baton.support.trace.Traces;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The command API. Every call is signed by a caller application acting for a user; every call accepts an
 * {@code Idempotency-Key}. Axon's command handling (and its JDBC append) runs off the event loop. Each answer carries
 * the ticket's new {@code version} for read-your-writes on ticket-query.
 */
@RestController
public class TicketCommandController {
    /** How often a command whose append collided is decided again on the stored events. */
    static final int COLLISION_RETRIES = 3;

    static final String CREATE = "Tickets: create";
    static final String ACT = "Tickets: act";
    static final String CHANGED = "The ticket after the command; pass `version` as `minVersion` to ticket-query to "
            + "read your own write";
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final CommandGateway commands;
    private final IdempotentRequests idempotency;
    private final ObjectMapper json;
    private final Traces traces;

    public TicketCommandController(CommandGateway commands, IdempotentRequests idempotency, ObjectMapper json,
                                   Traces traces) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.json = json;
        this.traces = traces;
    }

    @Tag(name = CREATE, description = "Create a ticket, as a draft or submitted")
    @Operation(summary = "Create a ticket: submitted at once with a transition, otherwise saved as a draft",
            tags = CREATE)
    @ApiResponse(responseCode = "201", description = "The new ticket; `Location` names it",
            headers = @Header(name = "Location", description = "/tickets/{ticketId}",
                    schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.WORKFLOW_NOT_GRANTED, ErrorCode.WORKFLOW_NOT_FOUND, ErrorCode.NOT_ALLOWED_TO_START,
            ErrorCode.RATE_LIMITED, ErrorCode.ALREADY_EXISTS, ErrorCode.IDEMPOTENCY_KEY_IN_USE,
            ErrorCode.IDEMPOTENCY_KEY_REUSED, ErrorCode.TRANSITION_NOT_AVAILABLE, ErrorCode.REQUIRED_FIELD_MISSING,
            ErrorCode.INVALID_FIELD_VALUE, ErrorCode.UNKNOWN_FIELD, ErrorCode.NO_PARTICIPANTS})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            schema = @Schema(implementation = TicketRequests.Create.class),
            examples = @ExampleObject(name = "leave-request", summary = "A leave request, submitted at once",
                    value = TicketRequests.CREATE_EXAMPLE)))
    @PostMapping("/tickets")
    public Mono<ResponseEntity<Object>> createTicket(@RequestBody TicketRequests.Create body,
                                               @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                               ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        require(body.workflow(), "workflow");
        caller.requireWorkflow(body.workflow());
        // a retry under the same key names the same ticket; the key is the app's and the user's, and so is the id
        String ticketId = key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((caller.app().appId() + "\n" + caller.user() + "\n" + key)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return idempotency.run(caller.app().appId(), caller.user(), key, fingerprint("POST /tickets", body), () ->
                send(new CreateTicket(ticketId, body.workflow(), body.title(), caller.user(), caller.app().appId(),
                        body.fields(), body.transition(), body.comment()), exchange)
                        .map(result -> ResponseEntity.status(HttpStatus.CREATED)
                                .header("Location", "/tickets/" + result.ticketId()).body((Object) result)));
    }

    @Tag(name = ACT,
            description = "Commands on an existing ticket; each answers the ticket's new state and version")
    @Operation(summary = "Handle the ticket: take a transition out of its state, with field values and a comment",
            tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.ACCEPT_REQUIRED, ErrorCode.TRANSITION_NOT_AVAILABLE, ErrorCode.REQUIRED_FIELD_MISSING,
            ErrorCode.FIELD_READ_ONLY, ErrorCode.INVALID_FIELD_VALUE, ErrorCode.UNKNOWN_FIELD,
            ErrorCode.NO_PARTICIPANTS})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            schema = @Schema(implementation = TicketRequests.Handle.class),
            examples = @ExampleObject(name = "leader-approves", summary = "The leader approves, with a comment",
                    value = TicketRequests.HANDLE_EXAMPLE)))
    @PostMapping("/tickets/{id}/handle")
    public Mono<ResponseEntity<Object>> handle(@PathVariable String id, @RequestBody TicketRequests.Handle body,
                                               @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                               ServerWebExchange exchange) {
        return act(id, key, "handle", body, exchange, caller -> new HandleTicket(id, caller.user(),
                caller.app().appId(), body.transition(), body.fields(), body.comment(), body.expectedVersion()));
    }

    @Operation(summary = "Accept the ticket (claim it from a pool or a queue) before handling it", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @PostMapping("/tickets/{id}/accept")
    public Mono<ResponseEntity<Object>> accept(@PathVariable String id,
                                               @RequestBody(required = false) TicketRequests.Accept body,
                                               @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                               ServerWebExchange exchange) {
        Long expected = body == null ? null : body.expectedVersion();
        return act(id, key, "accept", body, exchange,
                caller -> new AcceptTicket(id, caller.user(), caller.app().appId(), expected));
    }

    @Operation(summary = "Release an accepted ticket back to its pool", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @PostMapping("/tickets/{id}/release")
    public Mono<ResponseEntity<Object>> release(@PathVariable String id,
                                                @RequestBody(required = false) TicketRequests.Release body,
                                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                ServerWebExchange exchange) {
        TicketRequests.Release given = body == null ? new TicketRequests.Release(null, null) : body;
        return act(id, key, "release", given, exchange, caller -> new ReleaseTicket(id, caller.user(),
                caller.app().appId(), given.comment(), given.expectedVersion()));
    }

    @Operation(summary = "Withdraw the ticket (its creator)", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.CREATOR_REQUIRED})
    @PostMapping("/tickets/{id}/withdraw")
    public Mono<ResponseEntity<Object>> withdraw(@PathVariable String id,
                                                 @RequestBody(required = false) TicketRequests.Withdraw body,
                                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                 ServerWebExchange exchange) {
        TicketRequests.Withdraw given = body == null ? new TicketRequests.Withdraw(null, null) : body;
        return act(id, key, "withdraw", given, exchange, caller -> new WithdrawTicket(id, caller.user(),
                caller.app().appId(), given.comment(), given.expectedVersion()));
    }

    @Operation(summary = "Send the ticket back to a state it has been in", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.NOT_AN_EARLIER_STATE, ErrorCode.NO_PARTICIPANTS})
    @PostMapping("/tickets/{id}/send-back")
    public Mono<ResponseEntity<Object>> sendBack(@PathVariable String id, @RequestBody TicketRequests.SendBack body,
                                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                 ServerWebExchange exchange) {
        return act(id, key, "send-back", body, exchange, caller -> new SendBackTicket(id, caller.user(),
                caller.app().appId(), body.toState(), body.comment(), Boolean.TRUE.equals(body.resubmitToMe()),
                body.expectedVersion()));
    }

    @Operation(summary = "Reassign the current state's participants (a workflow admin)", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.ADMIN_REQUIRED, ErrorCode.USER_NOT_FOUND, ErrorCode.NO_PARTICIPANTS})
    @PostMapping("/tickets/{id}/reassign")
    public Mono<ResponseEntity<Object>> reassign(@PathVariable String id,
                                                 @RequestBody(required = false) TicketRequests.Reassign body,
                                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                 ServerWebExchange exchange) {
        TicketRequests.Reassign given = body == null ? new TicketRequests.Reassign(null, null, null) : body;
        return act(id, key, "reassign", given, exchange, caller -> new ReassignTicket(id, caller.user(),
                caller.app().appId(), given.to(), given.reason(), given.expectedVersion()));
    }

    @Operation(summary = "Move the ticket to any state (a workflow admin)", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.ADMIN_REQUIRED, ErrorCode.NO_PARTICIPANTS})
    @PostMapping("/tickets/{id}/jump")
    public Mono<ResponseEntity<Object>> jump(@PathVariable String id, @RequestBody TicketRequests.Jump body,
                                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                             ServerWebExchange exchange) {
        return act(id, key, "jump", body, exchange, caller -> new JumpTicket(id, caller.user(), caller.app().appId(),
                body.toState(), body.reason(), body.expectedVersion()));
    }

    @Operation(summary = "Change field values without leaving the state", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.FIELD_READ_ONLY, ErrorCode.INVALID_FIELD_VALUE, ErrorCode.UNKNOWN_FIELD})
    @PostMapping("/tickets/{id}/fields")
    public Mono<ResponseEntity<Object>> patch(@PathVariable String id, @RequestBody TicketRequests.Patch body,
                                              @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                              ServerWebExchange exchange) {
        return act(id, key, "fields", body, exchange, caller -> new PatchFields(id, caller.user(), caller.app().appId(),
                body.fields(), body.comment(), body.expectedVersion()));
    }

    @Operation(summary = "Send a copy of the ticket to users", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.USER_NOT_FOUND})
    @PostMapping("/tickets/{id}/cc")
    public Mono<ResponseEntity<Object>> cc(@PathVariable String id, @RequestBody TicketRequests.Cc body,
                                           @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                           ServerWebExchange exchange) {
        return act(id, key, "cc", body, exchange, caller -> new CcTicket(id, caller.user(), caller.app().appId(),
                body.to(), body.comment(), body.expectedVersion()));
    }

    @Operation(summary = "Remind the current participants (the creator)", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.CREATOR_REQUIRED})
    @PostMapping("/tickets/{id}/remind")
    public Mono<ResponseEntity<Object>> remind(@PathVariable String id,
                                               @RequestBody(required = false) TicketRequests.Remind body,
                                               @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                               ServerWebExchange exchange) {
        TicketRequests.Remind given = body == null ? new TicketRequests.Remind(null, null) : body;
        return act(id, key, "remind", given, exchange, caller -> new RemindTicket(id, caller.user(),
                caller.app().appId(), given.comment(), given.expectedVersion()));
    }

    @Operation(summary = "Delete the ticket", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.ADMIN_REQUIRED, ErrorCode.CREATOR_REQUIRED})
    @PostMapping("/tickets/{id}/delete")
    public Mono<ResponseEntity<Object>> delete(@PathVariable String id,
                                               @RequestBody(required = false) TicketRequests.Close body,
                                               @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                               ServerWebExchange exchange) {
        TicketRequests.Close given = body == null ? new TicketRequests.Close(null, null) : body;
        return act(id, key, "delete", given, exchange, caller -> new DeleteTicket(id, caller.user(),
                caller.app().appId(), given.reason(), given.expectedVersion()));
    }

    @Operation(summary = "Move the ticket to another version of its workflow (a workflow admin)", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.ADMIN_REQUIRED, ErrorCode.WORKFLOW_NOT_FOUND, ErrorCode.MIGRATION_NOT_POSSIBLE})
    @PostMapping("/tickets/{id}/migrate")
    public Mono<ResponseEntity<Object>> migrateTicket(@PathVariable String id, @RequestBody TicketRequests.Migrate body,
                                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                ServerWebExchange exchange) {
        return act(id, key, "migrate", body, exchange, caller -> new MigrateTicket(id, caller.user(),
                caller.app().appId(), body.toVersion(), body.stateMapping(), body.reason(), body.expectedVersion()));
    }

    @Operation(summary = "Hand the acting user's part of the ticket over to another user", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.USER_NOT_FOUND})
    @PostMapping("/tickets/{id}/transfer")
    public Mono<ResponseEntity<Object>> transfer(@PathVariable String id, @RequestBody TicketRequests.HandOver body,
                                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                 ServerWebExchange exchange) {
        return act(id, key, "transfer", body, exchange, caller -> new TransferTicket(id, caller.user(),
                caller.app().appId(), body.to(), body.comment(), body.expectedVersion()));
    }

    @Operation(summary = "Add signers before or after the acting user", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.USER_NOT_FOUND, ErrorCode.TRANSITION_NOT_AVAILABLE})
    @PostMapping("/tickets/{id}/add-sign")
    public Mono<ResponseEntity<Object>> addSign(@PathVariable String id, @RequestBody TicketRequests.AddSign body,
                                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                ServerWebExchange exchange) {
        List<String> users = body.users() != null ? body.users()
                : body.to() == null ? List.of() : List.of(body.to());
        return act(id, key, "add-sign", body, exchange, caller -> new AddSign(id, caller.user(), caller.app().appId(),
                users, body.position(), body.mode(), body.transition(), body.comment(), body.expectedVersion()));
    }

    @Operation(summary = "Finish an added signer's part, agreeing or not", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @PostMapping("/tickets/{id}/finish-sign")
    public Mono<ResponseEntity<Object>> finishSign(@PathVariable String id,
                                                   @RequestBody(required = false) TicketRequests.FinishSign body,
                                                   @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                   ServerWebExchange exchange) {
        TicketRequests.FinishSign given = body == null ? new TicketRequests.FinishSign(null, null, null) : body;
        return act(id, key, "finish-sign", given, exchange, caller -> new FinishSign(id, caller.user(),
                caller.app().appId(), given.agree(), given.comment(), given.expectedVersion()));
    }

    @Operation(summary = "Retry the failed hook the ticket waits on", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.CREATOR_REQUIRED})
    @PostMapping("/tickets/{id}/retry-hook")
    public Mono<ResponseEntity<Object>> retryHook(@PathVariable String id,
                                                  @RequestBody(required = false) TicketRequests.Withdraw body,
                                                  @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                  ServerWebExchange exchange) {
        TicketRequests.Withdraw given = body == null ? new TicketRequests.Withdraw(null, null) : body;
        return act(id, key, "retry-hook", given, exchange, caller -> new RetryHook(id, caller.user(),
                caller.app().appId(), given.comment(), given.expectedVersion()));
    }

    @Operation(summary = "Close the ticket", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.ADMIN_REQUIRED})
    @PostMapping("/tickets/{id}/close")
    public Mono<ResponseEntity<Object>> close(@PathVariable String id,
                                              @RequestBody(required = false) TicketRequests.Close body,
                                              @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                              ServerWebExchange exchange) {
        TicketRequests.Close given = body == null ? new TicketRequests.Close(null, null) : body;
        return act(id, key, "close", given, exchange, caller -> new CloseTicket(id, caller.user(),
                caller.app().appId(), given.reason(), given.expectedVersion()));
    }

    @Operation(summary = "Comment on the ticket", tags = ACT)
    @ApiResponse(responseCode = "200", description = CHANGED,
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @Refuses({ErrorCode.TICKET_NOT_FOUND, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.WRONG_STATE,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IDEMPOTENCY_KEY_IN_USE, ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @PostMapping("/tickets/{id}/comments")
    public Mono<ResponseEntity<Object>> comment(@PathVariable String id, @RequestBody TicketRequests.Comment body,
                                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                ServerWebExchange exchange) {
        return act(id, key, "comments", body, exchange, caller -> new CommentOnTicket(id, caller.user(),
                caller.app().appId(), body.comment(), body.expectedVersion()));
    }

    private Mono<ResponseEntity<Object>> act(String id, String key, String action, Object body,
                                             ServerWebExchange exchange, Function<Caller, Object> command) {
        if (!TICKET_ID.matcher(id).matches()) {
            return Mono.error(new BatonException(ErrorCode.TICKET_NOT_FOUND, "No ticket '" + abbreviate(id) + "'"));
        }
        Caller caller = Caller.of(exchange);
        if (body instanceof TicketRequests.Checked checked) {
            checked.check();
        }
        return idempotency.run(caller.app().appId(), caller.user(), key,
                fingerprint("POST /tickets/" + id + "/" + action, body),
                () -> send(command.apply(caller), exchange).map(result -> ResponseEntity.ok((Object) result)));
    }

    /**
     * Sends the command; an append that collided on the ticket's sequence number (another instance changed the ticket
     * after this one cached it, or decided on it at the same moment) rolled back and evicted the stale copy, so it is
     * decided again on the stored events, where the other instance's change is seen: the loser of a race across
     * instances is answered on the winner's result, as it would be on one instance. Only a ticket that keeps changing
     * under it through {@value #COLLISION_RETRIES} more tries is answered 409. The request's trace, if it travels on
     * ({@link Traces#of}), goes with the command as metadata and so onto the events it causes.
     */
    private Mono<CommandResult> send(Object command, ServerWebExchange exchange) {
        Optional<TraceParent> trace = traces.of(exchange);
        Object message = trace.<Object>map(t -> GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(TraceParent.HEADER, t.toString()))).orElse(command);
        Caller caller = Caller.of(exchange);
        TicketLog log = TicketLog.of(command instanceof CreateTicket create ? create.ticketId()
                        : command instanceof TicketCommand onTicket ? onTicket.ticketId() : null)
                .workflow(command instanceof CreateTicket create ? create.workflowKey() : null)
                .app(caller.app().appId()).user(caller.user()).trace(trace.map(TraceParent::toString).orElse(null));
        return Mono.fromCallable(() -> {
                    try (TicketLog.Scope ignored = log.open()) {
                        return commands.<CommandResult>send(message);
                    }
                })
                .flatMap(Mono::fromFuture)
                .retryWhen(Retry.max(COLLISION_RETRIES).filter(TicketCommandController::collided)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(TicketCommandController::translate);
    }

    /**
     * An append that collided, or a copy of the ticket found behind the version the client named (a client cannot
     * have seen a version that was never stored, so the copy is stale; its rollback dropped it).
     */
    private static boolean collided(Throwable failure) {
        Throwable e = unwrapped(failure);
        return e instanceof ConcurrencyException
                || e instanceof ConflictingAggregateVersionException conflict
                && conflict.getExpectedVersion() > conflict.getActualVersion();
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Axon's failures as Baton's typed refusals. */
    public static Throwable translate(Throwable failure) {
        Throwable e = unwrapped(failure);
        if (e instanceof AggregateNotFoundException notFound) {
            return new BatonException(ErrorCode.TICKET_NOT_FOUND,
                    "No ticket '" + abbreviate(String.valueOf(notFound.getAggregateIdentifier())) + "'");
        }
        if (e instanceof AggregateStreamCreationException) {
            // a create under an Idempotency-Key whose first answer is forgotten names a ticket that exists
            return new BatonException(ErrorCode.ALREADY_EXISTS,
                    "Expected a new ticket, but the ticket this request names exists already");
        }
        if (e instanceof ConcurrencyException) {
            return new BatonException(ErrorCode.CONCURRENT_MODIFICATION,
                    "Expected to be the only change to the ticket, but another command changed it first");
        }
        if (e instanceof ConflictingModificationException) {
            return new BatonException(ErrorCode.CONCURRENT_MODIFICATION,
                    "Expected the ticket at the version the command named, but it has changed: " + e.getMessage());
        }
        return e;
    }

    private String fingerprint(String action, Object body) {
        try {
            return action + "\n" + json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new BatonException(ErrorCode.MALFORMED_REQUEST, "The request body cannot be written back as JSON");
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected '" + name + "', but it is missing");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
