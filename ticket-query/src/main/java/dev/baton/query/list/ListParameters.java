package dev.baton.query.list;

import dev.baton.api.ticket.TicketStatus;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;

/**
 * The query parameters every list reads ({@link ListFilter} and read-your-writes), in the OpenAPI description of
 * each list operation: the controller reads them from the request as a whole, so springdoc cannot see them.
 */
@Component
class ListParameters implements OperationCustomizer {
    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.getBeanType() != TicketListController.class) {
            return operation;
        }
        StringSchema status = new StringSchema();
        Arrays.stream(TicketStatus.values()).forEach(s -> status.addEnumItem(s.name()));
        add(operation, "workflow", new StringSchema(), "Only tickets of this workflow (its key)");
        add(operation, "state", new StringSchema(), "Only tickets in this state (its key)");
        add(operation, "status", status, "Only tickets of this status");
        add(operation, "createdFrom", new StringSchema().format("date-time"), "Created at or after this instant");
        add(operation, "createdTo", new StringSchema().format("date-time"), "Created before this instant");
        add(operation, "title", new StringSchema(), "Only tickets whose title contains this text, ignoring case");
        add(operation, "serialNo", new StringSchema(), "Only tickets whose serial number starts with this");
        add(operation, "parent", new StringSchema(), "Only the child tickets of this ticket (its id)");
        add(operation, "limit", new IntegerSchema().minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(ListFilter.MAX_LIMIT))._default(ListFilter.DEFAULT_LIMIT),
                "How many tickets a page holds");
        add(operation, "cursor", new StringSchema(), "The page after the one whose `nextCursor` this is");
        add(operation, "consistentWith", new StringSchema().pattern("^.+:[0-9]+$"),
                "<ticketId>:<version> of a command's answer: waits until the list reflects that write");
        add(operation, "waitMillis", new StringSchema(),
                "How long consistentWith may wait, in milliseconds (capped); then 503 not-ready");
        return operation;
    }

    private static void add(Operation operation, String name, Schema<?> schema, String description) {
        operation.addParametersItem(new Parameter().in("query").name(name).required(false).schema(schema)
                .description(description));
    }
}
