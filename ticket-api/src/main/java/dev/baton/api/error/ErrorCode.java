package dev.baton.api.error;

/**
 * Every reason Baton refuses a request, with its HTTP status. The slug is the last segment of the problem
 * {@code type} URI ({@code https://baton.dev/problems/<slug>}) and never changes once released.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "malformed-request", "The request body or parameters cannot be read"),
    INVALID_INPUT(400, "invalid-input", "A value in the request is not valid"),
    INVALID_FIELD_VALUE(400, "invalid-field-value", "A field value does not fit the field's type"),
    UNKNOWN_FIELD(400, "unknown-field", "The workflow has no such field"),
    UNAUTHENTICATED(401, "unauthenticated", "The request is not signed by a known caller application"),
    REPLAYED_REQUEST(401, "replayed-request", "This request was already received"),
    WORKFLOW_NOT_GRANTED(403, "workflow-not-granted", "The caller application may not use this workflow"),
    ADMIN_REQUIRED(403, "admin-required", "Only an admin may do this"),
    NOT_A_PARTICIPANT(403, "not-a-participant", "The acting user is not a current participant of the ticket"),
    NOT_ALLOWED_TO_VIEW(403, "not-allowed-to-view", "The acting user may not see this ticket"),
    CREATOR_REQUIRED(403, "creator-required", "Only the ticket's creator may do this"),
    NOT_ALLOWED_TO_START(403, "not-allowed-to-start", "The acting user may not start tickets of this workflow"),
    TICKET_NOT_FOUND(404, "ticket-not-found", "No such ticket"),
    WORKFLOW_NOT_FOUND(404, "workflow-not-found", "No such workflow"),
    NOT_FOUND(404, "not-found", "No such resource"),
    USER_NOT_FOUND(404, "user-not-found", "No such active user in the directory"),
    CONCURRENT_MODIFICATION(409, "concurrent-modification", "The ticket changed while this command was decided"),
    WRONG_STATE(409, "wrong-state", "The ticket is not in a state that allows this"),
    ACCEPT_REQUIRED(409, "accept-required", "The ticket must be accepted before it is handled"),
    ALREADY_EXISTS(409, "already-exists", "It exists already"),
    IN_USE(409, "in-use", "It is still in use"),
    DELEGATION_OVERLAPS(409, "delegation-overlaps",
            "The user already delegates some of these workflows for part of this time"),
    TICKET_PARKED(409, "ticket-parked",
            "An event of the ticket could not be applied and waits for an admin; the version asked for cannot be read yet"),
    RETRY_FAILED(409, "retry-failed", "The parked record failed again; it stays parked"),
    MASS_DEACTIVATION(409, "mass-deactivation",
            "The directory sync would deactivate more users than allowed without confirmation"),
    IDEMPOTENCY_KEY_IN_USE(409, "idempotency-key-in-use", "A request with this idempotency key is still running"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The idempotency key was used for a different request"),
    TRANSITION_NOT_AVAILABLE(422, "transition-not-available", "The transition does not leave the current state"),
    REQUIRED_FIELD_MISSING(422, "required-field-missing", "A required field has no value"),
    FIELD_READ_ONLY(422, "field-read-only", "The field cannot be changed in this state"),
    NO_PARTICIPANTS(422, "no-participants", "The next state's participant rule resolves to nobody"),
    MIGRATION_NOT_POSSIBLE(422, "migration-not-possible", "The state mapping does not carry the ticket to the new version"),
    NOT_AN_EARLIER_STATE(422, "not-an-earlier-state", "The ticket has not been in that state before"),
    INVALID_DEFINITION(422, "invalid-definition", "The workflow definition is not valid"),
    INVALID_DIRECTORY(422, "invalid-directory", "The directory snapshot is not valid"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request line is too long"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    RATE_LIMITED(429, "rate-limited", "The user has started as many tickets of this workflow as it allows for now"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be JSON"),
    NOT_READY(503, "not-ready", "The service has not caught up yet; retry shortly"),
    UNAVAILABLE(503, "unavailable", "A store the service needs cannot be reached right now; retry shortly");

    public static final String TYPE_BASE = "https://baton.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ErrorCode(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() { return status; }

    public String slug() { return slug; }

    public String title() { return title; }

    public String type() { return TYPE_BASE + slug; }
}
