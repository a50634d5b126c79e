package dev.baton.config;

/** The outcome of a create-or-update: the stored value and whether it was created (201) or not (200). */
public record Upserted<T>(T value, boolean created) {
}
