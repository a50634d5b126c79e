package dev.baton.notification.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookResultTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void a2xxAnswerIsADelivery(int status) {
        assertThat(WebhookResult.forStatus(status, "").outcome()).isEqualTo(WebhookResult.Outcome.DELIVERED);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void timeOutsThrottlingAndServerErrorsAreRetried(int status) {
        WebhookResult result = WebhookResult.forStatus(status, "busy\n  try later");

        assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.RETRYABLE);
        assertThat(result.detail()).isEqualTo("HTTP " + status + ": busy try later");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 409, 410, 413, 422})
    void otherAnswersAreRefusalsNotWorthRetrying(int status) {
        assertThat(WebhookResult.forStatus(status, null).outcome()).isEqualTo(WebhookResult.Outcome.REJECTED);
    }

    @Test
    void anUnreachableWebhookIsRetried() {
        assertThat(WebhookResult.unreachable("Connection refused").outcome())
                .isEqualTo(WebhookResult.Outcome.RETRYABLE);
    }
}
