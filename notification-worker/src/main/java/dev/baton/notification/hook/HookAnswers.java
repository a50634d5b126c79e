package dev.baton.notification.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.api.ticket.command.AnswerHook;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.trace.TraceParent;
import dev.baton.engine.BatonJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reports hook outcomes to the tickets as {@link AnswerHook} commands on the command topic, and dead-letters
 * exhausted calls on {@value #DEAD_LETTERS} (the call row stays, and the retry API revives it).
 */
@Component
public class HookAnswers {
    public static final String DEAD_LETTERS = "baton.hooks.dlt";
    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json = BatonJson.mapper();

    public HookAnswers(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    /** Sends the answer and waits for Kafka to take it; a failure throws, so the caller's transaction rolls back. */
    void send(AnswerHook answer, String trace) {
        try {
            sendAsync(answer, trace).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send the answer of hook " + answer.hookId(), e);
        }
    }

    /**
     * Sends the answer; the future completes when Kafka took it. With the call's W3C {@code trace} (null: none) the
     * record carries a child of it, so the events the answer causes continue the trace.
     */
    CompletableFuture<?> sendAsync(AnswerHook answer, String trace) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET_COMMANDS, answer.ticketId(),
                    json.writeValueAsString(answer));
            record.headers().add(CommandTopic.TYPE_HEADER,
                    AnswerHook.class.getSimpleName().getBytes(StandardCharsets.UTF_8));
            record.headers().add(CommandTopic.SENT_HEADER, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
            TraceParent.parse(trace).ifPresent(parent -> record.headers().add(TraceParent.HEADER,
                    parent.child().toString().getBytes(StandardCharsets.UTF_8)));
            return kafka.send(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + answer.hookId(), e);
        }
    }

    void deadLetter(HookCalls.Call call, String reason) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(DEAD_LETTERS, call.ticketId(), call.payload());
            record.headers().add("baton_hook_id", call.hookId().getBytes(StandardCharsets.UTF_8));
            record.headers().add("baton_failure_reason", reason.getBytes(StandardCharsets.UTF_8));
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not dead-letter hook " + call.hookId(), e);
        }
    }
}
