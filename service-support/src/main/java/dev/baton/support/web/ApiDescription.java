package dev.baton.support.web;

import dev.baton.api.auth.RequestSigning;
import dev.baton.support.BatonProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The head of every service's OpenAPI description ({@code /v3/api-docs}): its title and version, and how a caller
 * application signs a request, as five header security schemes that every operation requires together. A generator
 * reads from it which headers each call carries; the description says how to compute them. How each operation is
 * refused is added by {@link ProblemResponses}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(OpenAPI.class)
public class ApiDescription {
    /** The signing headers, by the scheme name the description gives each. */
    static final Map<String, String> SIGNING_HEADERS = headers();

    static final String SIGNING = """
            Every request is signed by a caller application (an OA, CMDB, ops console or service desk that an admin \
            registered in workflow-config, with its secret). The signature is the lowercase hex HMAC-SHA256, keyed \
            with the application's secret, of the string

                METHOD \\n PATH[?QUERY] \\n TIMESTAMP \\n NONCE \\n USER \\n SHA256_HEX(BODY)

            (the path and query exactly as sent; the timestamp in epoch seconds, within the allowed clock skew; a \
            fresh nonce per request, never reused; the acting user's username; the hex SHA-256 of the body bytes, of \
            nothing for a request without a body). It is sent with the application id, the timestamp, the nonce and \
            the user in the five X-Baton-* headers. A request that is unsigned, badly signed, too old or replayed is \
            refused with 401 and a problem+json body. Refusals of every kind are RFC 9457 problem+json with a stable \
            `code`.""";

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("app", RequestSigning.APP);
        headers.put("timestamp", RequestSigning.TIMESTAMP);
        headers.put("nonce", RequestSigning.NONCE);
        headers.put("user", RequestSigning.USER);
        headers.put("signature", RequestSigning.SIGNATURE);
        return headers;
    }

    @Bean
    ProblemResponses problemResponses(BatonProperties properties) {
        return new ProblemResponses(properties.auth().publicPaths());
    }

    @Bean
    OpenAPI batonApiDescription(@Value("${spring.application.name:baton}") String service,
                                @Value("${baton.api.version:0.1.0}") String version) {
        Components components = new Components();
        SecurityRequirement required = new SecurityRequirement();
        Map<String, String> what = Map.of(
                "app", "The caller application's id.",
                "timestamp", "When the request was signed, in epoch seconds.",
                "nonce", "A value used once per request (a UUID will do).",
                "user", "The username of the user on whose behalf the application acts.",
                "signature", "The lowercase hex HMAC-SHA256 of the canonical request (see the description).");
        SIGNING_HEADERS.forEach((name, header) -> {
            components.addSecuritySchemes(name, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name(header).description(what.get(name)));
            required.addList(name);
        });
        return new OpenAPI()
                .info(new Info().title("Baton " + service + " API").version(version).description(SIGNING))
                .components(components)
                .addSecurityItem(required);
    }
}
