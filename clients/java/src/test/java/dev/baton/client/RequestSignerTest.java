package dev.baton.client;

import dev.baton.api.auth.RequestSigning;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK signs exactly as the services check: the same canonical string and HMAC as {@link RequestSigning}. */
class RequestSignerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void signsMethodPathQueryTimestampNonceUserAndBody() {
        byte[] body = "{\"title\":\"年假\",\"days\":2}".getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:8082/tickets/t-1/handle?note=a%20b&x=%E5%B9%B4"))
                .method("POST", HttpRequest.BodyPublishers.ofByteArray(body));
        new RequestSigner("demo-oa", "s3cret", "alice", CLOCK).accept(builder);

        HttpRequest signed = builder.build();
        String nonce = signed.headers().firstValue(RequestSigner.NONCE).orElseThrow();
        assertThat(signed.headers().firstValue(RequestSigner.APP)).contains("demo-oa");
        assertThat(signed.headers().firstValue(RequestSigner.USER)).contains("alice");
        assertThat(signed.headers().firstValue(RequestSigner.TIMESTAMP)).contains("1796464800");
        String expected = RequestSigning.sign("s3cret", RequestSigning.canonical("POST",
                "/tickets/t-1/handle?note=a%20b&x=%E5%B9%B4", "1796464800", nonce, "alice", body));
        assertThat(signed.headers().firstValue(RequestSigner.SIGNATURE)).contains(expected);
        // the body is still there to be sent
        assertThat(signed.bodyPublisher().orElseThrow().contentLength()).isEqualTo(body.length);
    }

    @Test
    void aRequestWithoutABodySignsTheEmptyBodyAndEachRequestHasItsOwnNonce() {
        RequestSigner signer = new RequestSigner("demo-oa", "s3cret", "lena", CLOCK);
        HttpRequest.Builder first = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8083/tickets/todo")).GET();
        HttpRequest.Builder second = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8083/tickets/todo")).GET();
        signer.accept(first);
        signer.accept(second);
        HttpRequest one = first.build();
        String nonce = one.headers().firstValue(RequestSigner.NONCE).orElseThrow();
        assertThat(one.headers().firstValue(RequestSigner.SIGNATURE)).contains(RequestSigning.sign("s3cret",
                RequestSigning.canonical("GET", "/tickets/todo", "1796464800", nonce, "lena", new byte[0])));
        assertThat(second.build().headers().firstValue(RequestSigner.NONCE)).isNotEqualTo(java.util.Optional.of(nonce));
    }

    @Test
    void refusesToSignWithoutCredentials() {
        assertThatThrownBy(() -> new RequestSigner("demo-oa", "", "alice", CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> new RequestSigner("demo-oa", "s3cret", null, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
    }
}
