package dev.baton.notification.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryIdsTest {

    @Test
    void theSameEventToTheSamePeopleAlwaysGetsTheSameIdWhateverTheirOrder() {
        String id = DeliveryIds.of("e-1", List.of("lena", "bob"));

        assertThat(DeliveryIds.of("e-1", List.of("bob", "lena"))).isEqualTo(id);
        assertThat(id).matches("e-1:[0-9a-f]{16}");
    }

    @Test
    void anotherEventOrOtherPeopleGetAnotherId() {
        String id = DeliveryIds.of("e-1", List.of("lena", "bob"));

        assertThat(DeliveryIds.of("e-2", List.of("lena", "bob"))).isNotEqualTo(id);
        assertThat(DeliveryIds.of("e-1", List.of("lena"))).isNotEqualTo(id);
        assertThat(DeliveryIds.of("e-1", List.of("lena", "bobby"))).isNotEqualTo(id);
    }

    @Test
    void anEventWithoutAnIdHasNoDeliveryId() {
        assertThatThrownBy(() -> DeliveryIds.of(" ", List.of("lena"))).isInstanceOf(IllegalArgumentException.class);
    }
}
