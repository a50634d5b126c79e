package dev.baton.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks, after a run has settled, that nothing was lost, doubled or reordered on the way from an acknowledged
 * command to the event store, Kafka, the projection and the notifications: each check is a count with a verdict,
 * either "must be 0" (the exit status is non-zero when one is not) or "allowed" / "info" (at-least-once duplicates a
 * receiver deduplicates, figures to read). The sources:
 * <ul>
 *   <li>the ledger of a {@code scale} run: per ticket the last version a command answered and whether it finished;</li>
 *   <li>the event store ({@code ticket_command.domain_event_entry}: one row per event, unique per
 *       {@code (aggregate_identifier, sequence_number)}, the sequence from 0);</li>
 *   <li>{@code baton.ticket.events}, read whole from the beginning by an assigned consumer (no group, nothing
 *       committed): per ticket the {@code ce_sequence} values in partition order, and {@code ce_id};</li>
 *   <li>the projection ({@code ticket_query.ticket.version}, the sequence of the last applied event) and its
 *       {@code parked_event} table;</li>
 *   <li>the notification outbox ({@code notification_worker.delivery}, one row per event, reason, recipient and
 *       channel) and its {@code parked_event} table; and the webhook sink's log of a {@code scale} run.</li>
 * </ul>
 * Only 127.0.0.1 is contacted.
 */
final class ScaleOutAudit {
    record Config(Path ledger, String commandJdbc, String queryJdbc, String workerJdbc, String kafka, String topic,
                  Path sinkLog, String sinkChannel, String user, String password, Duration settle,
                  Duration kafkaTimeout, int show) {
    }

    /** A ticket as the ledger has it. */
    record Acknowledged(long version, boolean finished) {
    }

    /** Per ticket in the event store: the event ids by sequence number. */
    static final class Stored {
        final List<String> eventIds = new ArrayList<>();
        long count;
        long last = -1;
    }

    /** Per ticket on Kafka. */
    static final class OnKafka {
        final BitSet seen = new BitSet();
        final Map<Integer, Long> lastByPartition = new HashMap<>(2);
        long records;
        long doubled;
        long reordered;
    }

    private final Config c;
    private final PrintStream out;
    private final List<Map<String, Object>> checks = new ArrayList<>();
    private int failures;

    ScaleOutAudit(Config config, PrintStream out) {
        this.c = config;
        this.out = out;
    }

    /** Runs every check; the number of must-be-0 checks that are not 0. */
    int run(Map<String, Object> result) throws Exception {
        Map<String, Acknowledged> ledger = new LinkedHashMap<>();
        List<String> unacknowledgedCreates = new ArrayList<>();
        readLedger(ledger, unacknowledgedCreates);
        long finishedInLedger = ledger.values().stream().filter(Acknowledged::finished).count();
        out.printf("ledger %s: %d tickets (%d finished), %d creates never acknowledged%n", c.ledger(), ledger.size(),
                finishedInLedger, unacknowledgedCreates.size());

        try (Connection store = connect(c.commandJdbc());
             Connection query = connect(c.queryJdbc());
             Connection worker = c.workerJdbc() == null ? null : connect(c.workerJdbc())) {
            settle(store, query);
            Map<String, Stored> events = readStore(store);
            long eventCount = events.values().stream().mapToLong(s -> s.count).sum();
            out.printf("event store: %d tickets, %d events%n", events.size(), eventCount);
            out.println();
            out.printf("  %-96s %9s  %s%n", "check", "count", "verdict");

            // 1. acknowledged commands vs the event store
            List<String> absent = new ArrayList<>();
            List<String> behind = new ArrayList<>();
            Map<String, Long> ahead = new LinkedHashMap<>();
            for (Map.Entry<String, Acknowledged> e : ledger.entrySet()) {
                Stored s = events.get(e.getKey());
                if (s == null) {
                    absent.add(e.getKey());
                } else if (s.last < e.getValue().version()) {
                    behind.add(e.getKey() + " (stored " + s.last + " < acknowledged " + e.getValue().version() + ")");
                } else if (s.last > e.getValue().version()) {
                    ahead.put(e.getKey(), e.getValue().version());
                }
            }
            mustBeZero("tickets lost: in the ledger, absent from the event store", absent);
            mustBeZero("tickets behind: stored last sequence < the version a command answered", behind);
            info("tickets ahead of the ledger: stored events after the last answered version", ahead.size(),
                    unanswered(store, ahead));
            long unackStored = unacknowledgedCreates.stream().filter(events::containsKey).count();
            info("creates never acknowledged that exist in the store anyway (of " + unacknowledgedCreates.size() + ")",
                    unackStored);
            List<String> gaps = new ArrayList<>();
            events.forEach((id, s) -> {
                if (s.count != s.last + 1) {
                    gaps.add(id + " (" + s.count + " events, last sequence " + s.last + ")");
                }
            });
            mustBeZero("tickets with a gap in their stored sequence numbers", gaps);

            // 2. Kafka vs the event store
            kafka(events, result);

            // 3. projection vs the event store
            projection(query, events, ledger);

            // 4. side effects
            if (worker != null) {
                notifications(worker, ledger.keySet());
            }
        }
        out.println();
        out.println(failures == 0 ? "AUDIT PASSED: every must-be-0 check is 0"
                : "AUDIT FAILED: " + failures + " must-be-0 check(s) not 0");
        result.put("ledgerTickets", ledger.size());
        result.put("ledgerFinished", finishedInLedger);
        result.put("checks", checks);
        result.put("failures", failures);
        return failures;
    }

    /** For a few tickets ahead of the ledger: the events stored after the acknowledged version. */
    private List<String> unanswered(Connection store, Map<String, Long> ahead) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (var ps = store.prepareStatement("SELECT string_agg(sequence_number || ' '"
                + " || regexp_replace(payload_type, '^.*\\.', ''), ', ' ORDER BY sequence_number)"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number > ?")) {
            for (Map.Entry<String, Long> e : ahead.entrySet()) {
                if (lines.size() == c.show()) {
                    break;
                }
                ps.setString(1, e.getKey());
                ps.setLong(2, e.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    lines.add(e.getKey() + " acknowledged " + e.getValue() + ", stored after it: " + rs.getString(1));
                }
            }
        }
        return lines;
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(Storage.checkLoopback(url), c.user(), c.password());
    }

    private void readLedger(Map<String, Acknowledged> ledger, List<String> unacknowledged) throws IOException {
        for (String line : Files.readAllLines(c.ledger(), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.startsWith("# unacknowledged-create ")) {
                unacknowledged.add(t.substring("# unacknowledged-create ".length()).strip());
                continue;
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 3) {
                throw new IllegalArgumentException("Expected '<ticket-id> <version> <yes|no>' in the ledger, got: " + line);
            }
            ledger.put(f[0], new Acknowledged(Long.parseLong(f[1]), f[2].equals("yes")));
        }
    }

    /**
     * Waits (bounded by --settle-seconds) until the projection holds every stored ticket's last event: the relay and
     * the projection have caught up. Reads only counts, cheaply, every second.
     */
    private void settle(Connection store, Connection query) throws SQLException, InterruptedException {
        long t0 = System.nanoTime();
        long behind = -1;
        while (true) {
            Map<String, Long> last = new HashMap<>();
            try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT aggregate_identifier, max(sequence_number) FROM domain_event_entry GROUP BY 1")) {
                while (rs.next()) {
                    last.put(rs.getString(1), rs.getLong(2));
                }
            }
            Map<String, Long> projected = projectedVersions(query);
            behind = last.entrySet().stream()
                    .filter(e -> projected.getOrDefault(e.getKey(), -1L) < e.getValue()).count();
            if (behind == 0 || System.nanoTime() - t0 > c.settle().toNanos()) {
                break;
            }
            Thread.sleep(1000);
        }
        out.printf(Locale.ROOT, "settle: %s after %.1f s%n", behind == 0 ? "the projection holds every stored ticket's last event"
                : behind + " tickets still behind in the projection", (System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, Long> projectedVersions(Connection query) throws SQLException {
        Map<String, Long> projected = new HashMap<>();
        try (Statement s = query.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT ticket_id, version FROM ticket WHERE app_id IS DISTINCT FROM 'bench-seed'")) {
            while (rs.next()) {
                projected.put(rs.getString(1), rs.getLong(2));
            }
        }
        return projected;
    }

    private static Map<String, Stored> readStore(Connection store) throws SQLException {
        Map<String, Stored> events = new HashMap<>();
        store.setAutoCommit(false); // so that the driver streams with the fetch size
        try (Statement s = store.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery("SELECT aggregate_identifier, sequence_number, event_identifier"
                    + " FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number")) {
                while (rs.next()) {
                    Stored t = events.computeIfAbsent(rs.getString(1), k -> new Stored());
                    long seq = rs.getLong(2);
                    while (t.eventIds.size() < seq) {
                        t.eventIds.add(null);
                    }
                    t.eventIds.add(rs.getString(3));
                    t.count++;
                    t.last = Math.max(t.last, seq);
                }
            }
        } finally {
            store.commit();
            store.setAutoCommit(true);
        }
        return events;
    }

    private void kafka(Map<String, Stored> events, Map<String, Object> result) {
        String host = c.kafka().split(",")[0].replaceFirst(":\\d+$", "");
        if (!(host.equals("127.0.0.1") || host.equals("localhost"))) {
            throw new IllegalArgumentException("Only a Kafka broker on 127.0.0.1 is allowed, got " + c.kafka());
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, c.kafka());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-bench-audit");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, OnKafka> byTicket = new HashMap<>();
        Map<String, Set<Integer>> partitionsOf = new HashMap<>();
        long records = 0;
        long withoutSequence = 0;
        long otherEventId = 0;
        List<String> otherEventIds = new ArrayList<>();
        List<String> notStored = new ArrayList<>();
        long notStoredCount = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(c.topic(), c.kafkaTimeout());
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("No partitions of " + c.topic() + " on " + c.kafka());
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, c.kafkaTimeout());
            long deadline = System.nanoTime() + c.kafkaTimeout().toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, c.kafkaTimeout()) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + c.topic() + " to its end within "
                            + c.kafkaTimeout().toSeconds() + " s");
                }
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : batch) {
                    records++;
                    String ticket = r.key() != null ? r.key() : header(r, "ce_subject");
                    String seqText = header(r, "ce_sequence");
                    if (ticket == null || seqText == null) {
                        withoutSequence++;
                        continue;
                    }
                    long seq = Long.parseLong(seqText);
                    partitionsOf.computeIfAbsent(ticket, k -> new HashSet<>(2)).add(r.partition());
                    OnKafka k = byTicket.computeIfAbsent(ticket, x -> new OnKafka());
                    k.records++;
                    if (k.seen.get((int) seq)) {
                        k.doubled++;
                    } else {
                        Long last = k.lastByPartition.get(r.partition());
                        if (last != null && seq < last) {
                            k.reordered++;
                        }
                        k.seen.set((int) seq);
                    }
                    k.lastByPartition.merge(r.partition(), seq, Math::max);
                    Stored s = events.get(ticket);
                    if (s == null || seq > s.last || s.eventIds.get((int) seq) == null) {
                        notStoredCount++;
                        if (notStored.size() < c.show()) {
                            notStored.add(ticket + ":" + seq);
                        }
                        continue;
                    }
                    String id = header(r, "ce_id");
                    if (id != null && !id.equals(s.eventIds.get((int) seq))) {
                        otherEventId++;
                        if (otherEventIds.size() < c.show()) {
                            otherEventIds.add(ticket + ":" + seq + " Kafka " + id + ", store " + s.eventIds.get((int) seq));
                        }
                    }
                }
            }
            out.printf("  (%s: %d records in %d partitions, read from the beginning)%n", c.topic(), records,
                    partitions.size());
        }
        long lostEvents = 0;
        List<String> lostTickets = new ArrayList<>();
        for (Map.Entry<String, Stored> e : events.entrySet()) {
            OnKafka k = byTicket.get(e.getKey());
            long missing = 0;
            for (int seq = 0; seq <= e.getValue().last; seq++) {
                if (e.getValue().eventIds.get(seq) != null && (k == null || !k.seen.get(seq))) {
                    missing++;
                }
            }
            if (missing > 0) {
                lostEvents += missing;
                lostTickets.add(e.getKey() + " (" + missing + " events)");
            }
        }
        long doubled = byTicket.values().stream().mapToLong(k -> k.doubled).sum();
        long doubledTickets = byTicket.values().stream().filter(k -> k.doubled > 0).count();
        List<String> reordered = new ArrayList<>();
        byTicket.forEach((id, k) -> {
            if (k.reordered > 0) {
                reordered.add(id + " (" + k.reordered + ")");
            }
        });
        long reorderedRecords = byTicket.values().stream().mapToLong(k -> k.reordered).sum();
        List<String> spread = new ArrayList<>();
        partitionsOf.forEach((id, ps) -> {
            if (ps.size() > 1) {
                spread.add(id + " " + ps);
            }
        });
        mustBeZero("events lost on Kafka: stored, never published (events; tickets " + lostTickets.size() + ")",
                lostEvents, lostTickets);
        allowed("events doubled on Kafka: a sequence published again (at least once; tickets " + doubledTickets + ")",
                doubled);
        mustBeZero("events reordered on Kafka: a sequence below one seen before, not a repeat (records)",
                reorderedRecords, reordered);
        mustBeZero("tickets whose events are spread over more than one partition", spread);
        mustBeZero("events on Kafka the store does not hold (ticket:sequence)", notStoredCount, notStored);
        mustBeZero("events on Kafka under a stored sequence but another event id (ce_id)", otherEventId, otherEventIds);
        info("records without a key or ce_sequence", withoutSequence);
        result.put("kafkaRecords", records);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void projection(Connection query, Map<String, Stored> events, Map<String, Acknowledged> ledger)
            throws SQLException {
        Map<String, Long> projected = projectedVersions(query);
        long equal = 0;
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, Stored> e : events.entrySet()) {
            Long v = projected.get(e.getKey());
            if (v != null && v == e.getValue().last) {
                equal++;
            } else {
                differ.add(e.getKey() + " (projected " + (v == null ? "none" : v) + ", stored " + e.getValue().last + ")");
            }
        }
        long ledgerEqual = ledger.keySet().stream()
                .filter(id -> events.containsKey(id) && projected.getOrDefault(id, -2L) == events.get(id).last).count();
        info("tickets whose projected version equals the store's last sequence (of " + events.size() + "; ledger "
                + ledgerEqual + " of " + ledger.size() + ")", equal);
        mustBeZero("tickets whose projected version differs from the store's last sequence", differ);
        List<String> unknown = projected.keySet().stream().filter(id -> !events.containsKey(id)).sorted().toList();
        mustBeZero("tickets in the projection the store does not hold", unknown);
        parked(query, "projection (ticket_query.parked_event)",
                "SELECT id, ticket_id, seq, reason, source, parked_at, left(coalesce(error, ''), 160) FROM parked_event ORDER BY id");
    }

    private void parked(Connection db, String where, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
        }
        mustBeZero("parked events in the " + where, rows.size(), rows, true);
    }

    private void notifications(Connection worker, Set<String> ledgerTickets) throws SQLException, IOException {
        Map<String, Long> byStatus = new TreeMap<>();
        try (Statement s = worker.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, count(*) FROM delivery GROUP BY status")) {
            while (rs.next()) {
                byStatus.put(rs.getString(1), rs.getLong(2));
            }
        }
        info("notification deliveries in the outbox by status " + byStatus,
                byStatus.values().stream().mapToLong(Long::longValue).sum());
        List<String> doubled = new ArrayList<>();
        try (Statement s = worker.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT event_id, recipient, channel, count(*), string_agg(reason, ',' ORDER BY reason)
                  FROM delivery WHERE status = 'DELIVERED' GROUP BY 1, 2, 3 HAVING count(*) > 1""")) {
            while (rs.next()) {
                doubled.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " x" + rs.getLong(4)
                        + " (reasons " + rs.getString(5) + ")");
            }
        }
        mustBeZero("notifications sent more than once: (event, recipient, channel) delivered in several rows", doubled);
        long resent;
        try (Statement s = worker.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM delivery WHERE status = 'DELIVERED' AND attempts > 1")) {
            rs.next();
            resent = rs.getLong(1);
        }
        allowed("deliveries sent more than once before one was answered 2xx (attempts > 1)", resent);
        info("deliveries given up (DEAD)", byStatus.getOrDefault("DEAD", 0L));
        List<String> pending = new ArrayList<>();
        try (Statement s = worker.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT count(*), max(attempts), round(extract(epoch FROM max(next_at) - now()))
                  FROM delivery WHERE status = 'PENDING'""")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                pending.add("up to " + rs.getInt(2) + " attempts so far; the last next attempt due in "
                        + rs.getLong(3) + " s");
            }
        }
        info("deliveries still PENDING (retried later with back-off)", byStatus.getOrDefault("PENDING", 0L), pending);
        parked(worker, "notification worker (notification_worker.parked_event)",
                "SELECT parked_id, role, kafka_partition, kafka_offset, attempts, parked_at, left(error, 160) FROM parked_event ORDER BY parked_id");
        if (c.sinkLog() != null) {
            sink(worker, ledgerTickets);
        }
    }

    /**
     * The webhook sink's log against the outbox: what reached the receiver, how often; the outbox's rows of the
     * ledger's tickets only (the sink ran during that load).
     */
    private void sink(Connection worker, Set<String> ledgerTickets) throws SQLException, IOException {
        Map<String, Integer> received = new HashMap<>();
        Set<String> answered2xx = new HashSet<>();
        long requests = 0;
        for (String line : Files.readAllLines(c.sinkLog(), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            requests++;
            received.merge(f[2], 1, Integer::sum);
            if (f[1].startsWith("2")) {
                answered2xx.add(f[2]);
            }
        }
        long repeatedKeys = received.values().stream().filter(n -> n > 1).count();
        long extra = received.values().stream().mapToLong(n -> n - 1).sum();
        info("sink: requests received (" + c.sinkLog() + ")", requests);
        info("sink: distinct deliveries (distinct Idempotency-Keys)", received.size());
        allowed("sink: keys received more than once (at least once; the receiver deduplicates; extra requests "
                + extra + ")", repeatedKeys);
        List<String> neverReceived = new ArrayList<>();
        Set<String> delivered = new HashSet<>();
        long ofLedger = 0;
        try (var ps = worker.prepareStatement(
                "SELECT delivery_id, ticket_id FROM delivery WHERE status = 'DELIVERED' AND channel = ?")) {
            ps.setString(1, c.sinkChannel());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    delivered.add(rs.getString(1));
                    if (ledgerTickets.contains(rs.getString(2))) {
                        ofLedger++;
                        if (!answered2xx.contains(rs.getString(1))) {
                            neverReceived.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        info("deliveries of the ledger's tickets marked DELIVERED on channel '" + c.sinkChannel() + "'", ofLedger);
        mustBeZero("of these, deliveries the sink never answered 2xx", neverReceived);
        info("keys the sink answered 2xx that the outbox does not hold as DELIVERED",
                answered2xx.stream().filter(k -> !delivered.contains(k)).count());
    }

    private void mustBeZero(String what, List<String> examples) {
        mustBeZero(what, examples.size(), examples, false);
    }

    private void mustBeZero(String what, long count, List<String> examples) {
        mustBeZero(what, count, examples, false);
    }

    private void mustBeZero(String what, long count, List<String> examples, boolean listAll) {
        boolean ok = count == 0;
        if (!ok) {
            failures++;
        }
        row(what, count, ok ? "OK (must be 0)" : "FAIL (must be 0)", examples, listAll);
    }

    private void allowed(String what, long count) {
        row(what, count, "allowed (reported)", List.of(), false);
    }

    private void info(String what, long count) {
        row(what, count, "info", List.of(), false);
    }

    private void info(String what, long count, List<String> examples) {
        row(what, count, "info", examples, false);
    }

    private void row(String what, long count, String verdict, List<String> examples, boolean listAll) {
        out.printf(Locale.ROOT, "  %-96s %9d  %s%n", what, count, verdict);
        int shown = 0;
        for (String e : examples) {
            if (!listAll && shown == c.show()) {
                out.printf("      ... %d more%n", examples.size() - shown);
                break;
            }
            out.println("      " + e);
            shown++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", what);
        m.put("count", count);
        m.put("verdict", verdict);
        if (!examples.isEmpty()) {
            m.put("examples", examples.subList(0, Math.min(examples.size(), c.show())));
        }
        checks.add(m);
    }
}
