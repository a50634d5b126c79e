package dev.baton.command.resolver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.BatonException;
import dev.baton.api.ticket.command.ResolveParticipants;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.engine.BatonJson;
import dev.baton.support.retry.Backoff;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * External participant resolvers, from ticket-command's own event store (a tracking processor, off the command path):
 * for each {@link ParticipantsRequested} it POSTs the ticket's context to the rule's endpoint and sends the answer, or
 * why there is none, back to the ticket as {@link ResolveParticipants}. The endpoint answers
 * {@code {"users": ["…"]}}; an error status, an unreadable or oversized answer, or no answer within the rule's time-out
 * is a failure, for which the ticket applies its state's fallback. No connection, 408, 429 or 5xx may pass: the
 * endpoint is asked again after Baton's one back-off ({@code baton.resolver.backoff.*}, by default ~1 s and ~2 s,
 * 3 attempts in all) before it counts as a failure. A request answered twice (after a restart) is harmless: the
 * ticket takes only the first answer.
 */
@Component
@ProcessingGroup(ExternalResolverProcess.PROCESSING_GROUP)
public class ExternalResolverProcess implements DisposableBean {
    public static final String PROCESSING_GROUP = "resolver";
    static final int MAX_ANSWER_BYTES = 256 * 1024;
    /** Short: the ticket waits with nobody assigned, and this process asks one endpoint at a time. */
    static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), 0.5, 3,
            null);
    private static final Logger log = LoggerFactory.getLogger(ExternalResolverProcess.class);

    private final CommandGateway commands;
    private final Backoff backoff;
    private final ObjectMapper json = BatonJson.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "resolver-commands");
        t.setDaemon(true);
        return t;
    });

    public ExternalResolverProcess(CommandGateway commands, Environment environment) {
        this.commands = commands;
        this.backoff = Binder.get(environment).bind("baton.resolver.backoff", Backoff.class)
                .map(own -> own.or(DEFAULT_BACKOFF)).orElseGet(() -> Backoff.or(null, DEFAULT_BACKOFF));
    }

    @EventHandler
    public void on(ParticipantsRequested request) {
        Answer answer = ask(request);
        if (answer.failure() != null) {
            log.info("Resolver {} for ticket {} failed: {}", request.url(), request.ticketId(), answer.failure());
        }
        try {
            CompletableFuture.runAsync(() -> commands.sendAndWait(new ResolveParticipants(request.ticketId(),
                    request.requestId(), answer.users(), answer.failure())), executor).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BatonException refused) {
                // the ticket is gone (deleted): nobody waits for this answer
                log.info("Ticket {} did not take the resolver's answer: {}", request.ticketId(), refused.getMessage());
            } else if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            } else {
                throw e;
            }
        }
    }

    /** The users the endpoint names, or why it names none; asked again while its failure may pass. */
    Answer ask(ParticipantsRequested request) {
        return backoff.retry(() -> askOnce(request), Answer::worthAnotherTry);
    }

    private Answer askOnce(ParticipantsRequested request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticketId", request.ticketId());
        body.put("workflow", request.workflowKey());
        body.put("state", request.state().key());
        body.put("creator", request.creator());
        body.put("fields", request.fields());
        try {
            HttpRequest http = HttpRequest.newBuilder(URI.create(request.url()))
                    .timeout(Duration.ofSeconds(request.timeoutSeconds()))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> response = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status / 100 != 2) {
                String why = "The resolver answered HTTP " + status;
                return status == 408 || status == 429 || status >= 500 ? Answer.unavailable(why) : Answer.failed(why);
            }
            if (response.body().length > MAX_ANSWER_BYTES) {
                return Answer.failed("The resolver's answer is over " + MAX_ANSWER_BYTES + " bytes");
            }
            JsonNode users = json.readTree(response.body()).path("users");
            if (!users.isArray()) {
                return Answer.failed("The resolver's answer has no 'users' array");
            }
            List<String> named = new ArrayList<>();
            for (JsonNode user : users) {
                if (!user.isTextual()) {
                    return Answer.failed("The resolver's answer names something that is not a username: " + user);
                }
                named.add(user.asText());
            }
            return new Answer(named, null);
        } catch (HttpTimeoutException e) {
            return Answer.failed("The resolver did not answer within " + request.timeoutSeconds() + " s");
        } catch (JsonProcessingException e) {
            return Answer.failed("The resolver's answer is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Answer.unavailable("The resolver could not be asked: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return Answer.failed("The resolver's URL is not usable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + request.url(), e);
        }
    }

    /** @param worthAnotherTry a failure that may pass: no connection, 408, 429, 5xx */
    record Answer(List<String> users, String failure, boolean worthAnotherTry) {
        Answer(List<String> users, String failure) {
            this(users, failure, false);
        }

        static Answer failed(String why) {
            return new Answer(List.of(), why, false);
        }

        static Answer unavailable(String why) {
            return new Answer(List.of(), why, true);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
