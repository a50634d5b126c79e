package dev.baton.config.delegation;

import java.time.Instant;
import java.util.List;

/**
 * A new delegation. {@code delegator} defaults to the acting user (only an admin application may name another);
 * {@code from} defaults to now; {@code workflows} empty or absent means all workflows.
 */
public record DelegationInput(String delegator, String delegate, Instant from, Instant until, List<String> workflows,
                              String reason) {
}
