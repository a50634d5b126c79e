package dev.baton.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.text.TextRule;
import dev.baton.support.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Refuses, before anything else reads them, path segments and query parameters that {@link TextRule} does not allow
 * in an identifier (U+0000 and the other control characters), or that cannot be decoded at all: 400 problem+json
 * naming the segment or parameter. Together with {@link RequestJson} for bodies, no text a client sends reaches a
 * database or a log that the rule refuses.
 */
public class RequestTextFilter implements WebFilter, Ordered {
    private final ObjectMapper json;

    public RequestTextFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // after ConnectionThreadFilter
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String refusal;
        try {
            refusal = refusal(exchange);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Problems.write(exchange, json, ErrorCode.MALFORMED_REQUEST,
                    "Expected a path and query in valid percent-encoded UTF-8, but they cannot be decoded");
        }
        if (refusal != null) {
            return Problems.write(exchange, json, ErrorCode.INVALID_INPUT, refusal);
        }
        return chain.filter(exchange);
    }

    private static String refusal(ServerWebExchange exchange) {
        List<PathContainer.Element> elements = exchange.getRequest().getPath().pathWithinApplication().elements();
        int segment = 0;
        for (PathContainer.Element element : elements) {
            if (element instanceof PathContainer.PathSegment path) {
                segment++;
                String value = path.valueToMatch();
                int refused = TextRule.firstRefusedInIdentifier(value);
                if (refused >= 0) {
                    return "Expected path segment " + segment + " without control characters, but it holds "
                            + TextRule.describe(value, refused);
                }
            }
        }
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            int refusedName = TextRule.firstRefusedInIdentifier(name);
            if (refusedName >= 0) {
                return "Expected query parameter names without control characters, but one holds "
                        + TextRule.describe(name, refusedName);
            }
            for (String value : parameter.getValue()) {
                if (value == null) {
                    continue;
                }
                int refused = TextRule.firstRefusedInIdentifier(value);
                if (refused >= 0) {
                    return "Expected query parameter '" + printable(name) + "' without control characters, but it holds "
                            + TextRule.describe(value, refused);
                }
            }
        }
        return null;
    }

    private static String printable(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
