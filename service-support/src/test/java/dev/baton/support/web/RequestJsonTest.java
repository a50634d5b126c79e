package dev.baton.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.BatonJson;
import dev.baton.engine.Demo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Baton writes, a client may send back: its own documents read strictly without a complaint. */
class RequestJsonTest {
    private final ObjectMapper writer = BatonJson.mapper();
    private final ObjectMapper strict = RequestJson.mapper();

    @Test
    void aWorkflowDefinitionAsBatonWritesItReadsBackStrictly() throws Exception {
        WorkflowDefinition demo = Demo.leaveRequest();
        String written = writer.writeValueAsString(demo);
        assertThat(strict.readValue(written, WorkflowDefinition.class)).isEqualTo(demo);
    }
}
