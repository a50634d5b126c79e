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

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
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
