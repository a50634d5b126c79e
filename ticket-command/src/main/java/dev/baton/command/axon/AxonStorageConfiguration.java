package dev.baton.command.axon;

import dev.baton.api.trace.TraceParent;
import dev.baton.command.relay.KafkaRelay;
import dev.baton.engine.DirectoryView;
import dev.baton.support.replica.DirectoryReplica;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import dev.baton.command.children.ChildTicketsProcess;
import dev.baton.command.resolver.ExternalResolverProcess;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Axon JDBC event and token store on PostgreSQL with snake_case names (tables created by Flyway, V1), and the
 * relay's error handling: a failed publish propagates, so the processor retries the batch instead of skipping it.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {
    /** Events per read of the stream of all events (Axon's default). */
    static final int EVENT_BATCH = 100;

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
                .payloadColumn("payload").metaDataColumn("meta_data")
                .build();
    }

    /**
     * Events are stored as compact JSON ({@link dev.baton.engine.BatonJson#compactMapper()}: null and empty properties left out),
     * the same JSON the relay publishes, under their simple type names ({@link TicketEventSerializer}).
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return TicketEventSerializer.create();
    }

    /**
     * Of a command's metadata, only its W3C trace ({@link TraceParent#HEADER}, when the request carried one on) goes
     * onto the events it causes. Axon's default adds the ids of the command message that caused the event (~100 bytes
     * per event), but command messages are not kept anywhere, so those ids lead nowhere; the event's own id, ticket
     * and sequence identify it, and the actor and time are in the payload.
     */
    @Bean
    CorrelationDataProvider traceCorrelation() {
        return new SimpleCorrelationDataProvider(TraceParent.HEADER);
    }

    /**
     * The JDBC storage engine as Axon's auto-configuration builds it (declared here because {@link #eventStore}
     * replaces the auto-configured event store, which also turns off the auto-configured engine), reading the stream
     * of all events with one statement per batch ({@link TailingEventStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return TailingEventStorageEngine.of(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(EVENT_BATCH));
    }

    /**
     * The event store as Axon's auto-configuration builds it, but keeping the last 1,000 events in memory for tailing
     * processors instead of 10,000: the relay is the only one, and the larger cache held ~20 MB of serialized events.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  PacedEventSource pacedEventSource,
                                  @Value("${baton.command.event-store-poll-interval:1s}") Duration pollInterval) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, pollInterval.toMillis()))
                .cachedEvents(1_000);
        return new EmbeddedEventStore(builder) {
            @Override
            protected void afterCommit(List<? extends EventMessage<?>> events) {
                super.afterCommit(events);
                pacedEventSource.committed();
            }
        };
    }

    /**
     * The event stream of the open-work, child-ticket and resolver processors ({@code source: pacedEventSource} in
     * their settings): read at most every {@code baton.command.processor-pace} (250 ms), so that their batches, and
     * what each batch costs, do not come one per event at low rates ({@link PacedEventSource}). Both tails poll the
     * storage every {@code baton.command.event-store-poll-interval} when nothing is committed here: that is how
     * they find what another instance stored.
     */
    @Bean(destroyMethod = "close")
    PacedEventSource pacedEventSource(EventStorageEngine storageEngine,
                                      @Value("${baton.command.processor-pace:250ms}") Duration pace,
                                      @Value("${baton.command.event-store-poll-interval:1s}") Duration pollInterval) {
        return new PacedEventSource(storageEngine, pace, pollInterval, EVENT_BATCH);
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry").setProcessorNameColumn("processor_name").setSegmentColumn("segment")
                .setTokenColumn("token").setTokenTypeColumn("token_type").setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The token store, claiming segments under a name unique to this application context: Axon's default (the JVM's
     * name) would let two contexts in one JVM (tests, embedded use) both believe they hold the relay's claim. Positions
     * past skipped events, and claim extensions, are written at most every {@code baton.command.token-write-interval}
     * ({@link QuietTokenStore}; well below the store's 10 s claim timeout).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          @Value("${spring.application.name:ticket-command}") String application,
                          @Value("${baton.command.token-write-interval:2s}") Duration writeInterval) {
        return new QuietTokenStore(JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .nodeId(application + "@" + ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID())
                .build(), writeInterval, Clock.systemUTC(), Set.of(KafkaRelay.PROCESSING_GROUP));
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Recently used tickets stay loaded, so a command does not re-read the ticket's events ({@link RecentTicketsCache};
     * {@code baton.command.ticket-cache-size}, default 1,024 tickets). Safe with several instances: a stale entry makes
     * the append collide on the ticket's next sequence number (a refusal on it is checked against the store), which
     * evicts it, and the command is decided again on the stored events.
     */
    @Bean
    Cache ticketCache(@Value("${baton.command.ticket-cache-size:1024}") int size) {
        return new RecentTicketsCache(size);
    }

    @Bean
    ConfigurerModule relayPropagatesFailures() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                // a child not started or a parent not told is retried, never skipped
                .registerListenerInvocationErrorHandler(ChildTicketsProcess.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ExternalResolverProcess.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /** The directory replica as the plain view the aggregate's rules take. */
    @Bean
    DirectoryView directoryView(DirectoryReplica replica) {
        return replica.view();
    }
}
