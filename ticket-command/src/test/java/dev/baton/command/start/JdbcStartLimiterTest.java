package dev.baton.command.start;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.StartPermission;
import dev.baton.command.CommandSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limits on a real PostgreSQL database with ticket-command's own schema, in transactions as commands run. */
class JdbcStartLimiterTest {
    static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    static final StartPermission.RateLimit TWO_A_DAY = new StartPermission.RateLimit(2, 24);
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;

    @BeforeAll
    static void schema() {
        DataSource dataSource = CommandSchema.migrated("starts");
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    void claim(String creator, String ticket, Instant at) {
        tx.executeWithoutResult(s -> new JdbcStartLimiter(jdbc).claim("leave", creator, ticket, TWO_A_DAY, at));
    }

    @Test
    void refusesTheStartOverTheLimitAndSaysWhenTheNextIsPossible() {
        claim("alice", "t1", NOW);
        claim("alice", "t2", NOW.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> claim("alice", "t3", NOW.plus(Duration.ofHours(2))))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("after 2026-11-23T09:00:00Z");
                });
        claim("bob", "t4", NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void theWindowSlides() {
        claim("carol", "t1", NOW);
        claim("carol", "t2", NOW.plus(Duration.ofHours(12)));
        claim("carol", "t3", NOW.plus(Duration.ofHours(25)));
        assertThatThrownBy(() -> claim("carol", "t4", NOW.plus(Duration.ofHours(26))))
                .isInstanceOf(BatonException.class);
    }

    @Test
    void aRefusedOrRolledBackStartLeavesNoRow() {
        claim("dave", "t1", NOW);
        claim("dave", "t2", NOW);
        assertThatThrownBy(() -> claim("dave", "t3", NOW)).isInstanceOf(BatonException.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            new JdbcStartLimiter(jdbc).claim("leave", "erin", "t9", TWO_A_DAY, NOW);
            throw new IllegalStateException("the create failed after the claim");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_start WHERE creator IN ('dave', 'erin')",
                Integer.class)).isEqualTo(2);
    }

    @Test
    void concurrentStartsOfOneUserNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Boolean> outcomes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 6; i++) {
            String ticket = "race-" + i;
            pool.submit(() -> {
                start.await();
                try {
                    claim("frank", ticket, NOW);
                    outcomes.add(true);
                } catch (BatonException e) {
                    outcomes.add(false);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(outcomes).hasSize(6).containsOnly(true, false);
        assertThat(outcomes.stream().filter(b -> b).count()).isEqualTo(2);
    }
}
