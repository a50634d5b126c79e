package dev.baton.query.consistency;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;

import java.time.Duration;

/** The projection did not reach the version a request asked for in time; answered 503 with Retry-After. */
public class NotReadyException extends BatonException {
    private final Duration retryAfter;

    public NotReadyException(String detail, Duration retryAfter) {
        super(ErrorCode.NOT_READY, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
