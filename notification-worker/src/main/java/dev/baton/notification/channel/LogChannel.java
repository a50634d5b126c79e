package dev.baton.notification.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * The demo channel ({@link ChannelType#LOG}): a notice is a line in the worker's log. The planner writes it when it
 * reads the event ({@link #tell}), so no delivery is kept; {@link #send} writes the same kind of line for a delivery
 * that names this channel all the same (one retried from before the channel changed type).
 */
public final class LogChannel implements Channel {
    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    private final String name;

    public LogChannel(String name) {
        this.name = name;
    }

    /** Writes one notice: who is told, why, and about which ticket. */
    public static void tell(String username, String kind, String serialNo, String title, String ticketId) {
        log.info("Notice for {}: {} {} \"{}\" (ticket {})", username, kind, serialNo == null ? "" : serialNo,
                title == null ? "" : title, ticketId);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelType type() {
        return ChannelType.LOG;
    }

    @Override
    public String target() {
        return "log";
    }

    @Override
    public CompletableFuture<SendResult> send(Message message) {
        log.info("Notice for {}: {} (ticket {})", message.recipient().username(), message.subject(),
                message.ticketId());
        return CompletableFuture.completedFuture(SendResult.ok());
    }
}
