package dev.baton.config.outbox;

import dev.baton.api.Topics;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.directory.Role;
import dev.baton.config.ConfigServiceTest;
import dev.baton.config.TopicReader;
import dev.baton.config.admin.RepublishResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class RepublishTest extends ConfigServiceTest {

    @Test
    void theRelayDeliversEveryChangeAndEmptiesTheOutbox() {
        admin().put(USER, "/directory/roles/relay-role", new Role(null, "Relayed")).expectStatus().isCreated();

        awaitOutboxEmpty();

        assertThat(TopicReader.last(Topics.CONFIG_DIRECTORY, DirectoryRecords.roleKey("relay-role")))
                .hasValueSatisfying(r -> assertThat(r.value()).contains("Relayed"));
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void theOutboxBacklogIsExposedAsAMetric() {
        awaitOutboxEmpty();

        assertThat(meters.get("baton.outbox.pending").gauge().value()).isZero();
    }

    @Test
    void republishReenqueuesTheCurrentStateOfEverything() {
        admin().put(USER, "/directory/roles/republished-role", new Role(null, "Again")).expectStatus().isCreated();
        awaitOutboxEmpty();
        long before = TopicReader.endOffsets(Topics.CONFIG_DIRECTORY);
        int roles = jdbc.queryForObject("SELECT count(*) FROM directory_role", Integer.class);
        int users = jdbc.queryForObject("SELECT count(*) FROM directory_user", Integer.class);
        int departments = jdbc.queryForObject("SELECT count(*) FROM directory_department", Integer.class);
        int apps = jdbc.queryForObject("SELECT count(*) FROM caller_app", Integer.class);
        int versions = jdbc.queryForObject("SELECT count(*) FROM workflow_version", Integer.class);

        RepublishResult result = admin().post(USER, "/admin/republish", null).expectStatus().isOk()
                .expectBody(RepublishResult.class).returnResult().getResponseBody();

        assertThat(result).isEqualTo(new RepublishResult(versions, roles + users + departments, apps));
        awaitOutboxEmpty();
        assertThat(TopicReader.endOffsets(Topics.CONFIG_DIRECTORY)).isEqualTo(before + roles + users + departments);
    }
}
