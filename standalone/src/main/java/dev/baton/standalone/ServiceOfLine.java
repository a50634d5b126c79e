package dev.baton.standalone;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code %service} of the standalone's log pattern: which of the services in this JVM wrote a line. Four Spring
 * contexts share one logging system here, so Spring's own application name would name the first of them on every
 * line. In order: the service whose context the main thread is starting (the {@value #MDC_KEY} MDC key, set by
 * {@link BatonServices}); the service a logger belongs to, by package; the embedded broker's and database's own
 * loggers; the service a thread belongs to, by the name its service gives it; else {@code baton}, for what the
 * services share.
 */
public class ServiceOfLine extends ClassicConverter {
    static final String MDC_KEY = "service";

    private static final List<Map.Entry<String, String>> BY_LOGGER = List.of(
            Map.entry("dev.baton.config.", "workflow-config"),
            Map.entry("dev.baton.command.", "ticket-command"),
            Map.entry("dev.baton.query.", "ticket-query"),
            Map.entry("dev.baton.notification.", "notification-worker"),
            Map.entry("dev.baton.standalone.", "standalone"),
            Map.entry("org.axonframework.", "ticket-command"),
            Map.entry("kafka.", "kafka"),
            Map.entry("state.change.logger", "kafka"),
            Map.entry("org.apache.kafka.server.", "kafka"),
            Map.entry("org.apache.kafka.controller.", "kafka"),
            Map.entry("org.apache.kafka.raft.", "kafka"),
            Map.entry("org.apache.kafka.image.", "kafka"),
            Map.entry("org.apache.kafka.metadata.", "kafka"),
            Map.entry("org.apache.kafka.storage.", "kafka"),
            Map.entry("org.apache.kafka.coordinator.", "kafka"),
            Map.entry("io.zonky.", "postgres"));

    /** Thread names the services give their own threads (listener containers, pools, processors). */
    private static final List<Map.Entry<String, String>> BY_THREAD = List.of(
            Map.entry("EventProcessor[", "ticket-command"),
            Map.entry("command-inbox", "ticket-command"),
            Map.entry("HikariPool-2", "ticket-command"),
            Map.entry("ticket-query", "ticket-query"),
            Map.entry("baton-ticket-query", "ticket-query"),
            Map.entry("notification-worker", "notification-worker"),
            Map.entry("hook-worker", "notification-worker"),
            Map.entry("timer-worker", "notification-worker"),
            Map.entry("hook-caller", "notification-worker"),
            Map.entry("timer-firer", "notification-worker"),
            Map.entry("notification-", "notification-worker"),
            Map.entry("HikariPool-1", "workflow-config"),
            Map.entry("baton.config.", "workflow-config"));

    @Override
    public String convert(ILoggingEvent event) {
        String started = event.getMDCPropertyMap().get(MDC_KEY);
        if (started != null) {
            return started;
        }
        return of(event.getLoggerName(), event.getThreadName());
    }

    static String of(String logger, String thread) {
        String byLogger = first(BY_LOGGER, logger::startsWith);
        if (byLogger != null) {
            return byLogger;
        }
        String byThread = thread == null ? null : first(BY_THREAD, thread::contains);
        return byThread != null ? byThread : "baton";
    }

    /** The service of the first entry whose key {@code matches}; null when none does. */
    private static String first(List<Map.Entry<String, String>> entries, Predicate<String> matches) {
        for (Map.Entry<String, String> entry : entries) {
            if (matches.test(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
