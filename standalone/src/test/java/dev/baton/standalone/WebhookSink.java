package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.BatonJson;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP endpoint that records every notification POSTed to it. */
final class WebhookSink implements AutoCloseable {
    private static final ObjectMapper JSON = BatonJson.mapper();
    private final HttpServer server;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    /** The {@code traceparent} header of each notification in {@link #received} (null: none), in the same order. */
    final List<String> traceparents = new CopyOnWriteArrayList<>();

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                // one request at a time (the server's default executor), so the lists stay in step
                traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
                idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<JsonNode> about(String ticketId) {
        return received.stream().filter(n -> ticketId.equals(n.path("ticketId").asText())).toList();
    }

    /** The {@code traceparent} headers ("null": none) of the notifications about the ticket. */
    List<String> traceparentsAbout(String ticketId) {
        List<String> found = new java.util.ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            if (ticketId.equals(received.get(i).path("ticketId").asText())) {
                found.add(traceparents.get(i));
            }
        }
        return found;
    }

    List<String> recipients(String ticketId) {
        return about(ticketId).stream()
                .flatMap(n -> java.util.stream.StreamSupport.stream(n.path("recipients").spliterator(), false))
                .map(r -> r.path("username").asText()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
