package dev.baton.config.directory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a bulk sync's deactivations need the caller's confirmation. */
class DirectoryPropertiesTest {
    private final DirectoryProperties defaults = new DirectoryProperties(null, null);

    @Test
    void byDefaultASyncMayDeactivateAFifthOfTheActiveUsers() {
        assertThat(defaults.maxDeactivationShare()).isEqualTo(0.2);
        assertThat(defaults.needsConfirmation(20, 100)).isFalse();
        assertThat(defaults.needsConfirmation(21, 100)).isTrue();
        assertThat(defaults.needsConfirmation(1000, 1000)).isTrue();
    }

    @Test
    void aSmallDirectoryMayLoseUpToFiveUsersWhateverTheirShare() {
        assertThat(defaults.deactivationsAlwaysAllowed()).isEqualTo(5);
        assertThat(defaults.needsConfirmation(5, 5)).isFalse();
        assertThat(defaults.needsConfirmation(1, 1)).isFalse();
        assertThat(defaults.needsConfirmation(6, 6)).isTrue();
        assertThat(defaults.needsConfirmation(6, 29)).isTrue();
        assertThat(defaults.needsConfirmation(6, 30)).isFalse();
    }

    @Test
    void theShareAndTheFloorAreConfigurable() {
        DirectoryProperties strict = new DirectoryProperties(0.0, 0);
        assertThat(strict.needsConfirmation(0, 10)).isFalse();
        assertThat(strict.needsConfirmation(1, 10)).isTrue();
        DirectoryProperties loose = new DirectoryProperties(1.0, 5);
        assertThat(loose.needsConfirmation(100, 100)).isFalse();
    }

    @Test
    void aShareOutsideZeroToOneOrANegativeFloorIsRefusedAtStart() {
        assertThatThrownBy(() -> new DirectoryProperties(1.5, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-deactivation-share");
        assertThatThrownBy(() -> new DirectoryProperties(null, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deactivations-always-allowed");
    }
}
