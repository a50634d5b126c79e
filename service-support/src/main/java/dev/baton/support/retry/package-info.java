/**
 * Retrying what failed, the same way everywhere: {@link dev.baton.support.retry.Backoff} says how long to wait after
 * a failed attempt and when to give up; {@link dev.baton.support.retry.Breakers} keeps one circuit breaker per
 * target, so work for a target that keeps failing waits without calling it while the rest goes on.
 */
package dev.baton.support.retry;
