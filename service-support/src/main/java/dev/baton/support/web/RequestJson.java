package dev.baton.support.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.api.text.TextRule;

import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * How Baton reads a request body: strictly. Where the stored and published events are read tolerantly (a newer
 * writer may add properties), a client's request is a document Baton defines, so it is refused (400) when it
 * <ul>
 *   <li>has anything after the JSON document ({@code {"a":1}garbage});</li>
 *   <li>repeats a key in one object;</li>
 *   <li>names a property the document does not have ({@code titel}, {@code statess}); a property Baton itself writes
 *       in the document (a derived one, such as a participant rule's {@code external}) may be sent back and is
 *       ignored, so what a client read it may send again;</li>
 *   <li>gives a value of the wrong type: a string for a number or a flag, a decimal for a whole number, a number for
 *       a name from a fixed list (a flag or number left out, or given as null, takes its default);</li>
 *   <li>holds, in any string or key, a character {@link TextRule} refuses (U+0000 among them).</li>
 * </ul>
 * A body that is just {@code null} is refused too: it would read as no body at all. Open maps (a ticket's
 * {@code fields}) keep any key the text rule allows; their values are checked by the workflow.
 */
public final class RequestJson {
    private RequestJson() {
    }

    /** The mapper WebFlux decodes request bodies with; it writes like {@code BatonJson.mapper()}. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder(new TextCheckingJsonFactory())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .addHandler(new WrittenPropertiesAreKnown())
                .build();
    }

    /** Ignores, instead of refusing, a property that Baton writes for a type but that the type does not read. */
    private static final class WrittenPropertiesAreKnown extends
            com.fasterxml.jackson.databind.deser.DeserializationProblemHandler {
        private final java.util.Map<Class<?>, java.util.Set<String>> written =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public boolean handleUnknownProperty(com.fasterxml.jackson.databind.DeserializationContext context,
                                             JsonParser parser,
                                             com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            java.util.Set<String> names = written.computeIfAbsent(type, t -> {
                var description = context.getConfig().introspect(context.constructType(t));
                java.util.Set<String> found = new java.util.HashSet<>();
                for (var property : description.findProperties()) {
                    if (property.couldSerialize()) {
                        found.add(property.getName());
                    }
                }
                return found;
            });
            if (names.contains(propertyName)) {
                parser.skipChildren();
                return true;
            }
            return false;
        }
    }

    /** A string or key in a request that {@link TextRule} refuses; names where it is, as a JSON pointer. */
    public static final class RefusedTextException extends StreamReadException {
        private final String pointer;

        RefusedTextException(JsonParser parser, String pointer, String message) {
            super(parser, message);
            this.pointer = pointer;
        }

        @Override
        public RefusedTextException withParser(JsonParser parser) {
            _processor = parser;
            return this;
        }

        @Override
        public RefusedTextException withRequestPayload(com.fasterxml.jackson.core.util.RequestPayload payload) {
            _requestPayload = payload;
            return this;
        }

        /** Where the refused text is, e.g. {@code /fields/reason}; empty for the document itself. */
        public String pointer() {
            return pointer;
        }
    }

    private static final class TextCheckingJsonFactory extends JsonFactory {
        TextCheckingJsonFactory() {
        }

        TextCheckingJsonFactory(TextCheckingJsonFactory source, ObjectCodec codec) {
            super(source, codec);
        }

        @Override
        public JsonFactory copy() {
            return new TextCheckingJsonFactory(this, null);
        }

        @Override
        protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
            return new TextCheckingParser(super._createParser(in, context));
        }

        @Override
        protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
            return new TextCheckingParser(super._createParser(reader, context));
        }

        @Override
        protected JsonParser _createParser(char[] data, int offset, int length, IOContext context,
                                           boolean recyclable) throws IOException {
            return new TextCheckingParser(super._createParser(data, offset, length, context, recyclable));
        }

        @Override
        protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context)
                throws IOException {
            return new TextCheckingParser(super._createParser(data, offset, length, context));
        }

        @Override
        protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
            return new TextCheckingParser(super._createParser(input, context));
        }
    }

    /** Checks every key and string as it is read; the other {@code next...} methods all go through these two. */
    private static final class TextCheckingParser extends JsonParserDelegate {
        TextCheckingParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            return checked(delegate.nextToken());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            return checked(delegate.nextValue());
        }

        private JsonToken checked(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL && delegate.getParsingContext().inRoot()) {
                throw new RefusedTextException(delegate, "", "Expected a JSON document, but got null; "
                        + "leave the body out when there is nothing to send");
            }
            if (token == JsonToken.FIELD_NAME) {
                String name = delegate.currentName();
                int refused = TextRule.firstRefusedInIdentifier(name);
                if (refused >= 0) {
                    throw refused("key", name, refused);
                }
            } else if (token == JsonToken.VALUE_STRING) {
                String text = delegate.getText();
                int refused = TextRule.firstRefusedInText(text);
                if (refused >= 0) {
                    throw refused("text", text, refused);
                }
            }
            return token;
        }

        private RefusedTextException refused(String what, String text, int index) {
            String pointer = delegate.getParsingContext().pathAsPointer().toString();
            return new RefusedTextException(delegate, pointer, "Expected " + what + " without control characters at '"
                    + (pointer.isEmpty() ? "/" : pointer) + "', but it holds " + TextRule.describe(text, index));
        }
    }
}
