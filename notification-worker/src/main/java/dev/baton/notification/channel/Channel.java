package dev.baton.notification.channel;

import java.util.concurrent.CompletableFuture;

/** Somewhere notifications go: an SMTP server, a webhook, a chat group's robot. */
public interface Channel {
    /** The name deliveries and the directory users' {@code channels} use. */
    String name();

    ChannelType type();

    /**
     * The endpoint this channel sends to (the robot's or webhook's URL, the SMTP server): its circuit breaker's key.
     * Never logged, since a robot's URL carries its token.
     */
    String target();

    /**
     * Sends one message. Never completes exceptionally for a failure of the receiver or the network: the result says
     * whether another try may help. Completes within the channel's time-out.
     */
    CompletableFuture<SendResult> send(Message message);
}
