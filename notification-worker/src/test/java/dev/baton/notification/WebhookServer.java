package dev.baton.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.BatonJson;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP webhook for the tests: records every request and answers 200 unless told otherwise for a ticket
 * (by the {@code ticketId} in the body), so tests sharing one worker do not disturb each other.
 */
final class WebhookServer {
    private static final ObjectMapper JSON = BatonJson.mapper();

    /** One request as received, and what it was answered. */
    record Received(Map<String, List<String>> headers, JsonNode body, int answeredWith) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String eventId() {
            return body.path("eventId").asText();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> nextAnswers = new ConcurrentHashMap<>();
    private final Map<String, Integer> alwaysAnswer = new ConcurrentHashMap<>();
    private final Map<String, Long> firstAnswerDelay = new ConcurrentHashMap<>();

    private WebhookServer(HttpServer server) {
        this.server = server;
    }

    static WebhookServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookServer webhook = new WebhookServer(http);
            http.createContext("/hooks/baton", webhook::handle);
            http.setExecutor(Executors.newFixedThreadPool(4));
            http.start();
            return webhook;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/baton";
    }

    /** The next answers for this ticket's notifications, then 200. */
    void answerNext(String ticketId, Integer... statuses) {
        nextAnswers.put(ticketId, new ArrayDeque<>(List.of(statuses)));
    }

    /** Every notification of this ticket gets this answer. */
    void alwaysAnswer(String ticketId, int status) {
        alwaysAnswer.put(ticketId, status);
    }

    /** The first notification of this ticket is answered only after this long. */
    void delayFirstAnswer(String ticketId, long millis) {
        firstAnswerDelay.put(ticketId, millis);
    }

    List<Received> requestsFor(String ticketId) {
        return received.stream().filter(r -> ticketId.equals(r.body().path("ticketId").asText())).toList();
    }

    List<Received> requestsForEvent(String eventId) {
        return received.stream().filter(r -> eventId.equals(r.eventId())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in.readAllBytes());
            String ticketId = body.path("ticketId").asText();
            Long delay = firstAnswerDelay.remove(ticketId);
            int status = answerFor(ticketId);
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            if (delay != null) {
                sleep(delay);
            }
            byte[] answer = (status < 300 ? "{\"ok\":true}" : "{\"error\":\"scripted " + status + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // the client gave up (time-out): nothing to answer
        } finally {
            exchange.close();
        }
    }

    private int answerFor(String ticketId) {
        Integer always = alwaysAnswer.get(ticketId);
        if (always != null) {
            return always;
        }
        Deque<Integer> next = nextAnswers.get(ticketId);
        Integer scripted = next == null ? null : next.poll();
        return scripted == null ? 200 : scripted;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
