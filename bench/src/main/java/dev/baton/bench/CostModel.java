package dev.baton.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What one ticket costs, counted rather than timed: around the measured phase of {@code flow} it takes PostgreSQL's
 * and Kafka's counters and divides their growth by the tickets finished.
 * <ul>
 *   <li>PostgreSQL: transactions committed (the database's {@code xact_commit}, every service and poller in it), rows
 *       inserted, updated and deleted per schema (= per service), and, when {@code pg_stat_statements} is loaded,
 *       executions per statement, attributed to the service whose tables the statement names.</li>
 *   <li>Kafka: records produced per topic (end offsets) and records consumed per consumer group (committed
 *       offsets).</li>
 *   <li>Kafka requests: fetches, offset commits and produce requests of each service's listener consumers and
 *       producers, from the services' {@code /actuator/prometheus} (the clients' own counters; the config replicas'
 *       consumers are not on it).</li>
 * </ul>
 * Everything that ran meanwhile counts, background pollers included: that is the cost of a ticket as the whole
 * deployment pays it.
 */
final class CostModel implements AutoCloseable {
    private static final List<String> SCHEMAS = List.of("ticket_command", "ticket_query", "workflow_config",
            "notification_worker");

    private final Connection db;
    private final Admin kafka;
    private final boolean statements;
    private Map<String, Long> database;
    private Map<String, long[]> rows;
    private Map<String, Long> produced;
    private Map<String, Long> consumed;
    private static final HttpClient METRICS = HttpClient.newHttpClient();
    private final Map<String, String> metricsUrls;
    private Map<String, Double> requests;

    /** The Kafka client counters read from each service's Prometheus page, by what they count. */
    private static final Map<String, String> REQUEST_COUNTERS = new LinkedHashMap<>(Map.of(
            "kafka_consumer_fetch_manager_fetch_total", "fetches",
            "kafka_consumer_coordinator_commit_total", "offset commits",
            "kafka_producer_request_total", "produce requests"));

    CostModel(String jdbcUrl, String user, String password, String bootstrap) throws SQLException {
        this(jdbcUrl, user, password, bootstrap, Map.of());
    }

    /** As above; {@code metricsUrls}: each service's base URL by its name, for the Kafka request counts. */
    CostModel(String jdbcUrl, String user, String password, String bootstrap, Map<String, String> metricsUrls)
            throws SQLException {
        this.metricsUrls = new TreeMap<>(metricsUrls);
        this.db = DriverManager.getConnection(Storage.checkLoopback(jdbcUrl), user, password);
        this.kafka = bootstrap == null ? null : Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                checkLoopback(bootstrap)));
        boolean loaded;
        try (Statement s = db.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
            loaded = true;
        } catch (SQLException e) {
            loaded = false; // not in shared_preload_libraries: counted without the statement split
        }
        this.statements = loaded;
    }

    private static String checkLoopback(String bootstrap) {
        for (String server : bootstrap.split(",")) {
            if (!server.startsWith("127.0.0.1:") && !server.startsWith("localhost:")) {
                throw new IllegalArgumentException("Only loopback Kafka is contacted, not " + server);
            }
        }
        return bootstrap;
    }

    void begin() {
        try {
            if (statements) {
                try (Statement s = db.createStatement()) {
                    s.execute("SELECT pg_stat_statements_reset()");
                }
            }
            database = database();
            rows = rows();
            produced = produced();
            consumed = consumed();
            requests = requests();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the counters: " + e.getMessage(), e);
        }
    }

    /** Prints the cost of one ticket and returns it for the result line. */
    Map<String, Object> end(long tickets, double httpRequests, PrintStream out) {
        Map<String, Object> result = new LinkedHashMap<>();
        double n = Math.max(1, tickets);
        try {
            Thread.sleep(3000); // the worker roles and notification deliveries finish what the last tickets caused
            Map<String, Long> dbAfter = database();
            Map<String, long[]> rowsAfter = rows();
            Map<String, Long> producedAfter = produced();
            Map<String, Long> consumedAfter = consumed();
            out.printf(Locale.ROOT, "cost of one ticket (%d tickets; everything that ran meanwhile counts):%n", tickets);
            out.printf(Locale.ROOT, "  HTTP requests %.1f%n", httpRequests / n);
            result.put("httpRequests", round(httpRequests / n));
            double commits = (dbAfter.get("xact_commit") - database.get("xact_commit")) / n;
            double rollbacks = (dbAfter.get("xact_rollback") - database.get("xact_rollback")) / n;
            out.printf(Locale.ROOT, "  PostgreSQL transactions %.1f committed, %.2f rolled back%n", commits, rollbacks);
            result.put("transactions", round(commits));
            Map<String, Object> rowResult = new LinkedHashMap<>();
            for (String schema : SCHEMAS) {
                long[] before = rows.getOrDefault(schema, new long[3]);
                long[] after = rowsAfter.getOrDefault(schema, new long[3]);
                double ins = (after[0] - before[0]) / n;
                double upd = (after[1] - before[1]) / n;
                double del = (after[2] - before[2]) / n;
                out.printf(Locale.ROOT, "  rows %-20s %5.1f inserted %5.1f updated %5.1f deleted%n", schema, ins, upd,
                        del);
                rowResult.put(schema, List.of(round(ins), round(upd), round(del)));
            }
            result.put("rows", rowResult);
            result.put("produced", recordsPerTicket("produced", produced, producedAfter, n, out));
            result.put("consumed", recordsPerTicket("consumed", consumed, consumedAfter, n, out));
            Map<String, Double> requestsAfter = requests();
            Map<String, Object> requestResult = new LinkedHashMap<>();
            requestsAfter.forEach((key, value) -> {
                double perTicket = (value - requests.getOrDefault(key, 0.0)) / n;
                out.printf(Locale.ROOT, "  Kafka requests %-44s %6.2f%n", key, perTicket);
                requestResult.put(key, round(perTicket));
            });
            if (!requestResult.isEmpty()) {
                result.put("kafkaRequests", requestResult);
            }
            if (statements) {
                result.put("statements", statements(n, out));
            } else {
                out.println("  (statements: load pg_stat_statements, e.g. BATON_PG_STAT_STATEMENTS=true for the"
                        + " standalone, for the split by statement)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out.println("  cost not counted: " + e);
        }
        return result;
    }

    /** Records per ticket by topic or group, from two sums of offsets; printed, and returned for the result line. */
    private static Map<String, Object> recordsPerTicket(String what, Map<String, Long> before, Map<String, Long> after,
                                                        double n, PrintStream out) {
        Map<String, Object> result = new LinkedHashMap<>();
        after.forEach((name, offset) -> {
            double records = (offset - before.getOrDefault(name, 0L)) / n;
            if (records > 0) {
                out.printf(Locale.ROOT, "  Kafka %-9s %-32s %5.2f records%n", what, name, records);
                result.put(name, round(records));
            }
        });
        return result;
    }

    /**
     * The services' Kafka client counters ({@link #REQUEST_COUNTERS}), summed over each service's clients, keyed
     * "service what"; a service whose page cannot be read is left out.
     */
    private Map<String, Double> requests() {
        Map<String, Double> sums = new TreeMap<>();
        metricsUrls.forEach((service, base) -> {
            String page;
            try {
                page = getText(base + "/actuator/prometheus");
            } catch (Exception e) {
                return;
            }
            for (String line : page.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                int end = line.indexOf('{') > 0 ? line.indexOf('{') : line.indexOf(' ');
                String what = end > 0 ? REQUEST_COUNTERS.get(line.substring(0, end)) : null;
                if (what != null) {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    sums.merge(service + " " + what, value, Double::sum);
                }
            }
        });
        return sums;
    }

    private static String getText(String url) throws Exception {
        URI uri = URI.create(url);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("Only loopback services are asked, not " + url);
        }
        HttpResponse<String> response = METRICS.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private Map<String, Object> statements(double n, PrintStream out) throws SQLException {
        Map<String, String> tableSchema = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY ('{"
                        + String.join(",", SCHEMAS) + "}')")) {
            while (rs.next()) {
                tableSchema.merge(rs.getString(2), rs.getString(1), (a, b) -> a + "|" + b);
            }
        }
        record Row(String query, long calls, double millis) {
        }
        List<Row> all = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT query, calls, total_exec_time FROM pg_stat_statements"
                        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (rs.next()) {
                String query = rs.getString(1);
                if (query.contains("pg_stat_statements") || query.contains("information_schema")) {
                    continue;
                }
                all.add(new Row(query.replaceAll("\\s+", " ").strip(), rs.getLong(2), rs.getDouble(3)));
            }
        }
        Map<String, Double> byService = new TreeMap<>();
        double total = 0;
        for (Row r : all) {
            byService.merge(service(r.query(), tableSchema), r.calls() / n, Double::sum);
            total += r.calls() / n;
        }
        out.printf(Locale.ROOT, "  PostgreSQL statements %.1f: %s%n", total, byService.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")));
        all.sort(Comparator.comparingLong(Row::calls).reversed());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Row r : all.subList(0, Math.min(30, all.size()))) {
            if (r.calls() / n < 0.05) {
                break;
            }
            String service = service(r.query(), tableSchema);
            String shown = r.query().length() > 110 ? r.query().substring(0, 110) + "…" : r.query();
            out.printf(Locale.ROOT, "    %6.2f  %-19s %7.3f ms  %s%n", r.calls() / n, service,
                    r.millis() / Math.max(1, r.calls()), shown);
            top.add(Map.of("perTicket", round(r.calls() / n), "service", service, "query", shown));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", round(total));
        Map<String, Object> services = new LinkedHashMap<>();
        byService.forEach((k, v) -> services.put(k, round(v)));
        result.put("byService", services);
        result.put("top", top);
        return result;
    }

    /**
     * The schema (service) of the table a statement first reads or writes (after FROM, INTO, UPDATE or JOIN); the
     * schemas joined by {@code |} when several have a table of that name, {@code -} for BEGIN, COMMIT, SET and the
     * like.
     */
    private static String service(String query, Map<String, String> tableSchema) {
        java.util.regex.Matcher m = TABLE.matcher(query.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String name = m.group(1);
            int dot = name.indexOf('.');
            if (dot > 0 && SCHEMAS.contains(name.substring(0, dot))) {
                return name.substring(0, dot);
            }
            String schema = tableSchema.get(name);
            if (schema != null) {
                return schema;
            }
        }
        return "-";
    }

    private static final java.util.regex.Pattern TABLE =
            java.util.regex.Pattern.compile("\\b(?:from|into|update|join)\\s+([a-z_][a-z0-9_.]*)");

    private Map<String, Long> database() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return Map.of("xact_commit", rs.getLong(1), "xact_rollback", rs.getLong(2));
        }
    }

    private Map<String, long[]> rows() throws SQLException {
        Map<String, long[]> result = new HashMap<>();
        // the statistics collector lags by up to its flush interval: ask for a fresh snapshot
        try (Statement s = db.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT schemaname, sum(n_tup_ins), sum(n_tup_upd), sum(n_tup_del)"
                    + " FROM pg_stat_user_tables GROUP BY schemaname")) {
                while (rs.next()) {
                    result.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return result;
    }

    private Map<String, Long> produced() throws Exception {
        Map<String, Long> result = new TreeMap<>();
        if (kafka == null) {
            return result;
        }
        Set<String> topics = kafka.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> !t.startsWith("__")).collect(Collectors.toSet());
        Map<String, TopicDescription> described = kafka.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka.listOffsets(latest).all()
                .get(10, TimeUnit.SECONDS);
        ends.forEach((tp, info) -> result.merge(tp.topic(), info.offset(), Long::sum));
        return result;
    }

    private Map<String, Long> consumed() throws Exception {
        Map<String, Long> result = new TreeMap<>();
        if (kafka == null) {
            return result;
        }
        for (ConsumerGroupListing group : kafka.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long sum = offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
            result.put(group.groupId(), sum);
        }
        return result;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    @Override
    public void close() throws SQLException {
        if (kafka != null) {
            kafka.close();
        }
        db.close();
    }
}
