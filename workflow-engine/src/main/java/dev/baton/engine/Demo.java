package dev.baton.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.workflow.WorkflowDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The demo fixtures on the classpath: the {@code leave-request} workflow ({@value #LEAVE_REQUEST}) and the
 * directory it runs against ({@value #DIRECTORY}).
 */
public final class Demo {
    /** Classpath location of the leave-request {@link WorkflowDefinition}. */
    public static final String LEAVE_REQUEST = "/demo/leave-request.json";
    /** Classpath location of the demo {@link DirectorySnapshot}. */
    public static final String DIRECTORY = "/demo/directory.json";

    private static final ObjectMapper JSON = BatonJson.mapper();

    private Demo() {
    }

    /** The leave-request workflow definition. */
    public static WorkflowDefinition leaveRequest() {
        return read(LEAVE_REQUEST, WorkflowDefinition.class);
    }

    /** The demo directory. */
    public static DirectorySnapshot directory() {
        return read(DIRECTORY, DirectorySnapshot.class);
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = Demo.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
