package dev.baton.support.web;

import dev.baton.api.error.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How every operation is refused, in the OpenAPI description: one shared {@code Problem} schema (RFC 9457 with
 * Baton's {@code code}), and on each operation a problem+json answer per status, whose description names the codes
 * the operation can answer with. The codes come from the operation's {@link Refuses} and from what the request edge
 * refuses on every signed request (bad input, a bad signature, a replay, an unreachable store); an operation on a
 * public path (a hook callback) carries no signature and so no signing refusals. The codes are also listed, machine
 * readable, in the operation's {@code x-problem-codes}.
 */
public final class ProblemResponses implements OperationCustomizer, OpenApiCustomizer {
    public static final String SCHEMA = "Problem";
    public static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String CODES = "x-problem-codes";

    /** What every request may be refused with, signed or not: unreadable input, an unreachable store. */
    static final Set<ErrorCode> EVERY_REQUEST = EnumSet.of(ErrorCode.MALFORMED_REQUEST, ErrorCode.INVALID_INPUT,
            ErrorCode.UNAVAILABLE);
    /** What the signature check refuses with, on every signed request. */
    static final Set<ErrorCode> SIGNED_REQUEST = EnumSet.of(ErrorCode.UNAUTHENTICATED, ErrorCode.REPLAYED_REQUEST,
            ErrorCode.NOT_READY);
    /** What a request with a body may be refused with besides. */
    static final Set<ErrorCode> WITH_BODY = EnumSet.of(ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    /** The statuses every signed operation documents, whether or not it names a code of its own for them. */
    static final List<Integer> SIGNED_STATUSES = List.of(400, 401, 403);

    private final List<String> publicPaths;

    public ProblemResponses(List<String> publicPaths) {
        this.publicPaths = List.copyOf(publicPaths);
    }

    /** Notes the handler's own refusals on the operation, for {@link #customise} to turn into answers. */
    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Refuses refuses = handler.getMethodAnnotation(Refuses.class);
        if (refuses != null) {
            operation.addExtension(CODES, Arrays.stream(refuses.value()).map(ErrorCode::slug).toList());
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.components(new io.swagger.v3.oas.models.Components());
        }
        api.getComponents().addSchemas(SCHEMA, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, method, operation)));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean signed = publicPaths.stream().noneMatch(path::startsWith);
        Set<ErrorCode> codes = EnumSet.copyOf(EVERY_REQUEST);
        if (signed) {
            codes.addAll(SIGNED_REQUEST);
        } else {
            operation.setSecurity(new ArrayList<>());
        }
        if (operation.getRequestBody() != null) {
            codes.addAll(WITH_BODY);
        }
        Object own = operation.getExtensions() == null ? null : operation.getExtensions().get(CODES);
        if (own instanceof List<?> slugs) {
            slugs.forEach(slug -> codes.add(bySlug(String.valueOf(slug))));
        }
        Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>();
        if (signed) {
            SIGNED_STATUSES.forEach(status -> byStatus.put(status, new ArrayList<>()));
        }
        codes.forEach(code -> byStatus.computeIfAbsent(code.status(), s -> new ArrayList<>()).add(code));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        byStatus.forEach((status, refusals) -> operation.getResponses()
                .addApiResponse(String.valueOf(status), response(status, refusals)));
        operation.addExtension(CODES, codes.stream().map(ErrorCode::slug).toList());
    }

    private static ApiResponse response(int status, List<ErrorCode> refusals) {
        StringBuilder description = new StringBuilder(switch (status) {
            case 400 -> "Bad input";
            case 401 -> "Not signed by a known caller application";
            case 403 -> "The caller application or the acting user may not do this";
            case 404 -> "Not found";
            case 409 -> "In conflict with the current state";
            case 413 -> "The body is too large";
            case 415 -> "The body is not JSON";
            case 422 -> "Refused by a rule";
            case 429 -> "Too many requests";
            case 503 -> "Not available right now; retry after Retry-After seconds";
            default -> org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase();
        });
        description.append(refusals.isEmpty() ? " (problem+json)." : " (problem+json), with `code`:");
        refusals.forEach(code -> description.append("\n- `").append(code.slug()).append("`: ").append(code.title()));
        return new ApiResponse().description(description.toString()).content(new Content().addMediaType(MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
    }

    private static ErrorCode bySlug(String slug) {
        return Arrays.stream(ErrorCode.values()).filter(code -> code.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No error code '" + slug + "'"));
    }

    /** RFC 9457 problem details as Baton writes them ({@code dev.baton.support.problem.Problems}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemSchema() {
        Schema code = new StringSchema().description("The stable reason, the last segment of `type`; absent only on "
                + "405 and 500");
        Arrays.stream(ErrorCode.values()).forEach(c -> code.addEnumItemObject(c.slug()));
        return new ObjectSchema()
                .description("An RFC 9457 problem: why the request was refused. Branch on `code`, never on `detail`.")
                .addProperty("type", new StringSchema().format("uri")
                        .description("https://baton.dev/problems/<code>, or about:blank"))
                .addProperty("title", new StringSchema().description("What the code means, in short"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What was expected and what was found"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The path of the refused request"))
                .addProperty("code", code)
                .addProperty("errors", new ArraySchema().items(new StringSchema())
                        .description("Each invalid value, when there are several"))
                .required(List.of("type", "status"));
    }
}
