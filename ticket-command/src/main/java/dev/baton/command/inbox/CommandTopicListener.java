package dev.baton.command.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.api.error.BatonException;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.command.SystemCommand;
import dev.baton.api.trace.TraceParent;
import dev.baton.engine.BatonJson;
import dev.baton.support.logging.TicketLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Commands from the workers (timer firings, …) on {@value Topics#TICKET_COMMANDS}, dispatched to the tickets like any
 * other command. A refusal is the ticket's final answer (a firing for a ticket that moved on is simply not wanted)
 * and is logged, not retried. An unknown or unreadable command goes straight to the dead-letter topic; any other
 * failure is retried with back-off, then dead-lettered (see {@link CommandTopicConfiguration}).
 */
@Component
public class CommandTopicListener {
    public static final String LISTENER_ID = "ticket-command-inbox";
    private static final Logger log = LoggerFactory.getLogger(CommandTopicListener.class);

    private final CommandGateway commands;
    private final ObjectMapper json = BatonJson.mapper();
    private final MeterRegistry metrics;

    public CommandTopicListener(CommandGateway commands, MeterRegistry metrics) {
        this.commands = commands;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.TICKET_COMMANDS, containerFactory = "commandTopicListenerFactory",
            autoStartup = "${baton.command-topic.enabled:true}")
    public void on(ConsumerRecord<String, byte[]> record) {
        SystemCommand command = read(record);
        Optional<TraceParent> trace = trace(record);
        try (TicketLog.Scope ignored = TicketLog.of(record.key())
                .trace(trace.map(TraceParent::toString).orElse(null)).open()) {
            commands.sendAndWait(trace.<Object>map(parent -> GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(TraceParent.HEADER, parent.child().toString()))).orElse(command));
            metrics.counter("baton.command.topic.handled", "type", command.getClass().getSimpleName(),
                    "outcome", "taken").increment();
        } catch (BatonException refused) {
            metrics.counter("baton.command.topic.handled", "type", command.getClass().getSimpleName(),
                    "outcome", "refused").increment();
            log.info("{} for ticket {} refused: {}", command.getClass().getSimpleName(), record.key(),
                    refused.getMessage());
        } catch (AggregateNotFoundException unknown) {
            // no such ticket (deleted before it existed, or a stray record): as final as a refusal
            metrics.counter("baton.command.topic.handled", "type", command.getClass().getSimpleName(),
                    "outcome", "unknown-ticket").increment();
            log.debug("{} for unknown ticket {}", command.getClass().getSimpleName(), record.key());
        }
    }

    /** The record's W3C trace, if it carries a valid one: the events the command causes carry it on. */
    private static Optional<TraceParent> trace(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(TraceParent.HEADER);
        return header == null ? Optional.empty()
                : TraceParent.parse(new String(header.value(), StandardCharsets.UTF_8));
    }

    private SystemCommand read(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CommandTopic.TYPE_HEADER);
        String type = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        Class<? extends SystemCommand> kind = CommandTopic.type(type).orElseThrow(() ->
                new UnreadableCommandException("Expected a " + CommandTopic.TYPE_HEADER + " header naming a system "
                        + "command, but got " + type));
        try {
            SystemCommand command = json.readValue(record.value(), kind);
            if (command.ticketId() == null || !command.ticketId().equals(record.key())) {
                throw new UnreadableCommandException("Expected a " + type + " for ticket " + record.key()
                        + ", but it names " + command.ticketId());
            }
            return command;
        } catch (IOException e) {
            throw new UnreadableCommandException("Expected a " + type + " as JSON, but: " + e.getMessage());
        }
    }

    /** A record on the command topic that is no command ticket-command takes; dead-lettered at once. */
    public static class UnreadableCommandException extends RuntimeException {
        public UnreadableCommandException(String message) {
            super(message);
        }
    }
}
