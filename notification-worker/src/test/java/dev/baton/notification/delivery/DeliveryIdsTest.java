package dev.baton.notification.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryIdsTest {
    @Test
    void theSameEventRecipientAndChannelAlwaysGetTheSameId() {
        assertThat(DeliveryIds.of("e1", "ASSIGNED", "lena", "email"))
                .isEqualTo(DeliveryIds.of("e1", "ASSIGNED", "lena", "email"))
                .startsWith("e1:").hasSize("e1:".length() + 16);
    }

    @Test
    void anotherRecipientChannelOrReasonGetsAnotherId() {
        String id = DeliveryIds.of("e1", "ASSIGNED", "lena", "email");
        assertThat(DeliveryIds.of("e1", "ASSIGNED", "bob", "email")).isNotEqualTo(id);
        assertThat(DeliveryIds.of("e1", "ASSIGNED", "lena", "ops-dingtalk")).isNotEqualTo(id);
        assertThat(DeliveryIds.of("e1", "REJECTED", "lena", "email")).isNotEqualTo(id);
        assertThat(DeliveryIds.of("e2", "ASSIGNED", "lena", "email")).isNotEqualTo(id);
    }

    @Test
    void anEventWithoutIdHasNoDeliveryId() {
        assertThatThrownBy(() -> DeliveryIds.of(" ", "ASSIGNED", "lena", "email"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
