package dev.baton.engine;

import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notification templates: FreeMarker 2.3 in a closed configuration. Workflow admins write them, so a template can
 * read the variables it is given and nothing else: the model holds only maps, lists, strings, numbers and booleans
 * ({@link SimpleObjectWrapper}: no Java object is ever exposed), {@code ?new} and {@code ?api} are off, nothing is
 * included or imported. A missing variable renders as nothing (no error for a field a ticket lacks), and the output
 * is capped at {@value #MAX_OUTPUT} characters. Parsed templates are cached by their text.
 */
public final class NoticeTemplates {
    /** Longest rendered text; what would be longer ends the rendering. */
    public static final int MAX_OUTPUT = 20_000;
    private static final int MAX_CACHED = 2_000;
    private static final Configuration CONFIG = configuration();
    private static final Map<String, Template> PARSED = new ConcurrentHashMap<>();

    private NoticeTemplates() {
    }

    /** What is wrong with a template's syntax, if anything. */
    public static Optional<String> problem(String source) {
        try {
            parse(source);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage().replaceAll("\\s+", " ").strip());
        }
    }

    /**
     * Renders a template over a model of maps, lists, strings, numbers and booleans.
     *
     * @throws RenderingException for bad syntax, a failing expression or output over {@value #MAX_OUTPUT} chars
     */
    public static String render(String source, Map<String, ?> model) {
        try {
            Template template = parse(source);
            CappedWriter out = new CappedWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException | TemplateException | RuntimeException e) {
            throw new RenderingException(e.getMessage() == null ? e.toString()
                    : e.getMessage().replaceAll("\\s+", " ").strip(), e);
        }
    }

    /** A template could not be rendered. */
    public static final class RenderingException extends RuntimeException {
        RenderingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Template parse(String source) throws IOException {
        Template cached = PARSED.get(source);
        if (cached != null) {
            return cached;
        }
        Template template = new Template("notice", new StringReader(source), CONFIG);
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear();
        }
        PARSED.put(source, template);
        return template;
    }

    private static Configuration configuration() {
        Configuration config = new Configuration(Configuration.VERSION_2_3_32);
        config.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_32));
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        config.setAPIBuiltinEnabled(false);
        config.setTemplateLoader(null);
        config.setLocalizedLookup(false);
        config.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setClassicCompatible(true);
        config.setLocale(Locale.ROOT);
        config.setTimeZone(TimeZone.getTimeZone("UTC"));
        config.setNumberFormat("computer");
        config.setDefaultEncoding("UTF-8");
        return config;
    }

    /** Ends the rendering once it would exceed {@value #MAX_OUTPUT} characters. */
    private static final class CappedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            if (text.length() + length > MAX_OUTPUT) {
                throw new IOException("Expected the rendered text to stay within " + MAX_OUTPUT
                        + " characters, but it grew beyond");
            }
            text.append(buffer, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
