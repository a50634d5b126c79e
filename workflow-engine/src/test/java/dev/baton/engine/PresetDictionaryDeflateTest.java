package dev.baton.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresetDictionaryDeflateTest {
    static final byte[] OLD = "{\"ticketId\":\"\",\"actor\":\"\",\"status\":\"IN_PROGRESS\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] NEW = "{\"ticketId\":\"\",\"actor\":\"\",\"assignment\":{\"users\":[]}}".getBytes(StandardCharsets.UTF_8);
    static final byte[] TEXT = "{\"ticketId\":\"t-1\",\"actor\":\"lena\",\"status\":\"IN_PROGRESS\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void deflatesWithTheNewestDictionaryAndInflatesWithAnyKnownOne() {
        byte[] withOld = new PresetDictionaryDeflate(List.of(OLD)).deflate(TEXT);
        var both = new PresetDictionaryDeflate(List.of(NEW, OLD));

        assertThat(both.inflate(withOld, "value")).isEqualTo(TEXT);
        assertThat(both.inflate(both.deflate(TEXT), "value")).isEqualTo(TEXT);
    }

    @Test
    void tellsDeflatedValuesFromJsonText() {
        assertThat(PresetDictionaryDeflate.isDeflated(new PresetDictionaryDeflate(List.of(OLD)).deflate(TEXT))).isTrue();
        assertThat(PresetDictionaryDeflate.isDeflated(TEXT)).isFalse();
        assertThat(PresetDictionaryDeflate.isDeflated(new byte[0])).isFalse();
    }

    @Test
    void refusesAValueThatNamesAnUnknownDictionary() {
        byte[] withNew = new PresetDictionaryDeflate(List.of(NEW)).deflate(TEXT);

        assertThatThrownBy(() -> new PresetDictionaryDeflate(List.of(OLD)).inflate(withNew, "stored event"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Expected a stored event deflated with a known dictionary");
    }
}
