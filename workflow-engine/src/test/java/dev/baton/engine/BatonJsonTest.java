package dev.baton.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BatonJsonTest {
    private final ObjectMapper mapper = BatonJson.mapper();

    record Sample(String name, Instant at) {
    }

    @Test
    void readsIntegersAsLongAndFloatsAsBigDecimal() throws Exception {
        Map<String, Object> map = mapper.readValue("{\"a\":1,\"b\":1.50}", new TypeReference<>() { });

        assertThat(map.get("a")).isEqualTo(1L);
        assertThat(map.get("b")).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void writesInstantsAsIsoStringsAndKeepsNulls() throws Exception {
        String json = mapper.writeValueAsString(new Sample(null, Instant.parse("2026-11-22T09:00:00Z")));

        assertThat(json).isEqualTo("{\"name\":null,\"at\":\"2026-11-22T09:00:00Z\"}");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("x", null);
        assertThat(mapper.writeValueAsString(withNull)).isEqualTo("{\"x\":null}");
    }

    @Test
    void ignoresUnknownProperties() throws Exception {
        Sample sample = mapper.readValue("{\"name\":\"n\",\"extra\":true,\"at\":\"2026-11-22T09:00:00Z\"}",
                Sample.class);

        assertThat(sample).isEqualTo(new Sample("n", Instant.parse("2026-11-22T09:00:00Z")));
    }

    @Test
    void returnsANewMapperEachTime() {
        assertThat(BatonJson.mapper()).isNotSameAs(BatonJson.mapper());
    }
}
