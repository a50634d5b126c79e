package dev.baton.config.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.config.directory.DirectorySync;
import dev.baton.config.directory.SyncResult;
import dev.baton.config.workflow.WorkflowService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * With {@code baton.demo.enabled=true}, on start (after the bootstrap apps) syncs {@code classpath:demo/directory.json}
 * and imports and publishes {@code classpath:demo/leave-request.json} through the ordinary service methods, unless
 * that workflow has a published version already, so restarts change nothing.
 */
@Component
@Order(10)
public class DemoLoader implements ApplicationRunner {
    static final String DIRECTORY = "classpath:demo/directory.json";
    static final String WORKFLOW = "classpath:demo/leave-request.json";
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final String ACTOR = "demo-loader";

    private final DemoProperties properties;
    private final DirectorySync directory;
    private final WorkflowService workflows;
    private final ResourceLoader resources;
    private final ObjectMapper json;

    public DemoLoader(DemoProperties properties, DirectorySync directory, WorkflowService workflows,
                      ResourceLoader resources, ObjectMapper json) {
        this.properties = properties;
        this.directory = directory;
        this.workflows = workflows;
        this.resources = resources;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.enabled()) {
            load();
        }
    }

    /** Loads the demo unless its workflow was published before; true when it loaded it. */
    public boolean load() {
        WorkflowDefinition workflow = read(WORKFLOW, WorkflowDefinition.class);
        if (workflows.isPublished(workflow.key())) {
            log.info("Demo workflow '{}' is published already; demo not loaded again", workflow.key());
            return false;
        }
        SyncResult synced = directory.syncDemo(read(DIRECTORY, DirectorySnapshot.class));
        boolean published = workflows.publishIfNeverPublished(workflow, ACTOR);
        log.info("Demo directory synced ({} changes); demo workflow '{}' {}", synced.changes(), workflow.key(),
                published ? "published" : "was published meanwhile");
        return published;
    }

    private <T> T read(String location, Class<T> type) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo resource " + location, e);
        }
    }
}
