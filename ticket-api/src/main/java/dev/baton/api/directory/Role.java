package dev.baton.api.directory;

/** A role users can hold (membership is listed on the user). */
public record Role(String id, String name) {
}
