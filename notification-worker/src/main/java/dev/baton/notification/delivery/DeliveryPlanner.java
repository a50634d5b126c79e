package dev.baton.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.BatonJson;
import dev.baton.notification.NotificationProperties;
import dev.baton.notification.channel.Channels;
import dev.baton.notification.channel.LogChannel;
import dev.baton.notification.recipient.Notice;
import dev.baton.notification.recipient.Recipient;
import dev.baton.notification.recipient.RecipientDirectory;
import dev.baton.notification.summary.TicketSummary;
import dev.baton.notification.template.NoticeRenderer;
import dev.baton.support.kafka.TicketEventCodec.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an event's notices into deliveries: one per recipient and channel (the channels the directory names for the
 * recipient, else the default ones), each worded for its recipient and kept in the outbox to send now. The delivery
 * id makes a re-read event add nothing. With no channel configured at all nothing is kept, only counted as skipped.
 * A {@link dev.baton.notification.channel.ChannelType#LOG} channel (the demo one) is told at once, in the log, and
 * keeps nothing.
 * The {@link DeliverySender} is woken once the deliveries are committed.
 */
@Service
public class DeliveryPlanner {
    private static final Logger log = LoggerFactory.getLogger(DeliveryPlanner.class);

    private final DeliveryRepository deliveries;
    private final Channels channels;
    private final RecipientDirectory directory;
    private final NoticeRenderer renderer;
    private final DeliveryMetrics metrics;
    private final DeliverySender sender;
    private final int maxAttempts;
    private final Clock clock;
    private final ObjectMapper json = BatonJson.mapper();

    public DeliveryPlanner(DeliveryRepository deliveries, Channels channels, RecipientDirectory directory,
                           NoticeRenderer renderer, DeliveryMetrics metrics, DeliverySender sender,
                           NotificationProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.directory = directory;
        this.renderer = renderer;
        this.metrics = metrics;
        this.sender = sender;
        this.maxAttempts = properties.backoff().attemptsInAll();
        this.clock = clock;
    }

    /** Keeps the deliveries of an event's notices; the number new. */
    public int plan(Envelope envelope, List<Notice> notices, TicketSummary ticket,
                    Optional<WorkflowDefinition> workflow) {
        if (!channels.any()) {
            notices.forEach(n -> n.usernames().forEach(u -> metrics.skipped()));
            log.debug("No channel configured; skipped the notices of event {}", envelope.eventId());
            return 0;
        }
        Instant now = clock.instant();
        List<Delivery> planned = new ArrayList<>();
        for (Notice notice : notices) {
            for (String username : notice.usernames()) {
                Optional<DirectoryUser> user = directory.user(username);
                Recipient recipient = user.map(RecipientDirectory::recipient).orElseGet(() -> Recipient.unknown(username));
                List<String> names = channels.of(user);
                if (names.isEmpty()) {
                    metrics.skipped();
                    continue;
                }
                List<String> kept = new ArrayList<>(names.size());
                for (String channel : names) {
                    if (channels.logs(channel)) {
                        LogChannel.tell(username, notice.reason().kind().name(), ticket.serialNo(), ticket.title(),
                                ticket.ticketId());
                    } else {
                        kept.add(channel);
                    }
                }
                if (kept.isEmpty()) {
                    continue;
                }
                NoticeRenderer.Rendered text = renderer.render(envelope, notice, ticket, recipient, directory::nameOf,
                        workflow);
                for (String channel : kept) {
                    String id = DeliveryIds.of(envelope.eventId(), notice.reason().name(), username, channel);
                    planned.add(new Delivery(id, ticket.ticketId(), envelope.eventId(), envelope.type(),
                            notice.reason().kind().name(), notice.reason().name(), username, channel, text.subject(),
                            text.body(), payload(id, envelope, notice, ticket, recipient, text), DeliveryStatus.PENDING,
                            0, maxAttempts, now, null, now, now, envelope.trace()));
                }
            }
        }
        int added = deliveries.addAll(planned);
        metrics.planned(added);
        if (added > 0) {
            sender.wake(); // once the event's transaction commits
        }
        return added;
    }

    private String payload(String deliveryId, Envelope envelope, Notice notice, TicketSummary ticket,
                           Recipient recipient, NoticeRenderer.Rendered text) {
        var event = envelope.event();
        Notification notification = new Notification(deliveryId, envelope.eventId(), envelope.type(),
                notice.reason().kind().name(), ticket.ticketId(), ticket.serialNo(), ticket.title(),
                ticket.workflowKey(), ticket.workflowName(), notice.state(), notice.action(), notice.reason(),
                event.actor(), event.at(), List.of(recipient), notice.comment(), text.subject(), text.body());
        try {
            return json.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write notification " + deliveryId, e);
        }
    }
}
