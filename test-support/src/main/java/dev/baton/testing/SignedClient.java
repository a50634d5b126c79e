package dev.baton.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.auth.RequestSigning;
import dev.baton.engine.BatonJson;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Sends signed requests to a Baton service the way a caller application must. */
public class SignedClient {
    private static final ObjectMapper JSON = BatonJson.mapper();
    private final WebTestClient client;
    private final String baseUrl;
    private final String appId;
    private final String secret;

    /** Paths and queries given to this client must already be percent-encoded: they are signed and sent as given. */
    public SignedClient(String baseUrl, String appId, String secret) {
        this(WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build(), baseUrl,
                appId, secret);
    }

    public SignedClient(WebTestClient client, String appId, String secret) {
        this(client, null, appId, secret);
    }

    private SignedClient(WebTestClient client, String baseUrl, String appId, String secret) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.appId = appId;
        this.secret = secret;
    }

    public SignedClient as(String otherAppId, String otherSecret) {
        return new SignedClient(client, baseUrl, otherAppId, otherSecret);
    }

    public WebTestClient.ResponseSpec get(String user, String pathAndQuery) {
        return send(HttpMethod.GET, user, pathAndQuery, null);
    }

    public WebTestClient.ResponseSpec post(String user, String pathAndQuery, Object body) {
        return send(HttpMethod.POST, user, pathAndQuery, body);
    }

    public WebTestClient.ResponseSpec put(String user, String pathAndQuery, Object body) {
        return send(HttpMethod.PUT, user, pathAndQuery, body);
    }

    public WebTestClient.ResponseSpec delete(String user, String pathAndQuery) {
        return send(HttpMethod.DELETE, user, pathAndQuery, null);
    }

    /** Sends {@code body} (an object serialised to JSON, a String sent verbatim, or null) signed for {@code user}. */
    public WebTestClient.ResponseSpec send(HttpMethod method, String user, String pathAndQuery, Object body) {
        return prepare(method, user, pathAndQuery, bytes(body), UUID.randomUUID().toString(), Instant.now()).exchange();
    }

    /** A signed request not yet sent, for tests that tamper with it or send it twice. */
    public WebTestClient.RequestHeadersSpec<?> prepare(HttpMethod method, String user, String pathAndQuery, byte[] body,
                                                       String nonce, Instant timestamp) {
        String ts = Long.toString(timestamp.getEpochSecond());
        String signature = RequestSigning.sign(secret,
                RequestSigning.canonical(method.name(), pathAndQuery, ts, nonce, user, body));
        WebTestClient.RequestBodySpec spec = (baseUrl == null
                ? client.method(method).uri(pathAndQuery)
                : client.method(method).uri(URI.create(baseUrl + pathAndQuery)))
                .header(RequestSigning.APP, appId)
                .header(RequestSigning.TIMESTAMP, ts)
                .header(RequestSigning.NONCE, nonce)
                .header(RequestSigning.USER, user)
                .header(RequestSigning.SIGNATURE, signature);
        if (body.length > 0) {
            return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return spec;
    }

    public static byte[] bytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof byte[] b) {
            return b;
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
