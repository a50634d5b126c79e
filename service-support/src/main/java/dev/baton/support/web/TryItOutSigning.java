package dev.baton.support.web;

import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SwaggerUiConfigParameters;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webflux.ui.SwaggerConfig;
import org.springdoc.webflux.ui.SwaggerIndexPageTransformer;
import org.springdoc.webflux.ui.SwaggerIndexTransformer;
import org.springdoc.webflux.ui.SwaggerWelcomeCommon;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Swagger UI's "Try it out" for a demo (the standalone sets {@code baton.api.try-it-out-signing=true}; off
 * everywhere else): the served {@code swagger-initializer.js} gains a request interceptor that signs each request in
 * the browser, with WebCrypto, exactly as {@link dev.baton.api.auth.RequestSigning} does. The user authorizes once
 * with the application id, the user and, in the signature field, the application's secret; the page sends a fresh
 * timestamp and nonce and the request's signature in their place. The secret stays in the page.
 *
 * <p>springdoc lets an application replace its {@link SwaggerIndexTransformer}; this one keeps springdoc's own
 * transformations and adds the interceptor to their result.
 */
@AutoConfiguration(before = SwaggerConfig.class)
@ConditionalOnClass(SwaggerIndexTransformer.class)
@ConditionalOnProperty(name = TryItOutSigning.PROPERTY, havingValue = "true")
public class TryItOutSigning {
    public static final String PROPERTY = "baton.api.try-it-out-signing";
    /** The browser-side signing ({@code batonTryItOut.canonical}, {@code .sign}, {@code .intercept}). */
    public static final String SCRIPT = "dev/baton/support/web/try-it-out-signing.js";
    static final String PRESETS = "presets: [";

    @Bean
    SwaggerIndexTransformer signingSwaggerIndexTransformer(SwaggerUiConfigProperties config,
                                                           SwaggerUiOAuthProperties oauth,
                                                           SwaggerWelcomeCommon welcome,
                                                           ObjectMapperProvider json) {
        String script = script();
        return new SwaggerIndexPageTransformer(config, oauth, welcome, json) {
            @Override
            protected String defaultTransformations(SwaggerUiConfigParameters parameters, InputStream in)
                    throws IOException {
                return withSigning(script, super.defaultTransformations(parameters, in));
            }
        };
    }

    /** Says, on the schemes the user fills in, what the page does with them. */
    @Bean
    OpenApiCustomizer tryItOutSchemeDescriptions() {
        return api -> {
            var schemes = api.getComponents() == null ? null : api.getComponents().getSecuritySchemes();
            if (schemes == null) {
                return;
            }
            describe(schemes.get("signature"), "In this Swagger UI: enter the application's secret. The page signs "
                    + "each request with it and sends the signature in its place; the secret is not sent.");
            describe(schemes.get("timestamp"), "In this Swagger UI: leave empty, the page sets it per request.");
            describe(schemes.get("nonce"), "In this Swagger UI: leave empty, the page sets it per request.");
        };
    }

    private static void describe(SecurityScheme scheme, String tryItOut) {
        if (scheme != null) {
            scheme.setDescription(scheme.getDescription() + " " + tryItOut);
        }
    }

    /** The initializer with the signing script before it and the interceptor in Swagger UI's configuration. */
    static String withSigning(String script, String initializer) {
        int presets = initializer.indexOf(PRESETS);
        if (presets < 0) {
            throw new IllegalStateException("Expected Swagger UI's initializer to configure '" + PRESETS
                    + "', but it does not; the signing interceptor has no place to go");
        }
        return script + "\n" + initializer.substring(0, presets)
                + "requestInterceptor: (request) => batonTryItOut.intercept(request),\n    "
                + initializer.substring(presets);
    }

    static String script() {
        try (InputStream in = new ClassPathResource(SCRIPT).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Expected " + SCRIPT + " on the class path", e);
        }
    }
}
