package dev.baton.client;

/**
 * What a command wrote: the ticket and the version it left it at. Reads given its {@link #token()} (the lists'
 * {@code consistentWith}, the detail's {@code minVersion}) wait until they show this write, so a user never reads
 * older data than they just wrote.
 */
public record Written(String ticketId, long version) {
    /** {@code ticketId:version}, for a list's {@code consistentWith}. */
    public String token() {
        return ticketId + ":" + version;
    }
}
