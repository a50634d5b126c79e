package dev.baton.config.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How far a bulk sync may go without confirmation ({@code baton.directory.*}). A sync that would deactivate more
 * than {@code maxDeactivationShare} of the currently active users, and more than {@code deactivationsAlwaysAllowed}
 * users, is refused whole unless the caller confirms it ({@code PUT /directory?allowMassDeactivation=true}).
 *
 * @param maxDeactivationShare       the share of the active users a sync may deactivate unconfirmed, 0 to 1
 *                                   (default 0.2)
 * @param deactivationsAlwaysAllowed the number of users a sync may always deactivate unconfirmed, whatever their
 *                                   share (default 5), so a small directory can lose a few people without the flag
 */
@ConfigurationProperties("baton.directory")
public record DirectoryProperties(Double maxDeactivationShare, Integer deactivationsAlwaysAllowed) {
    public DirectoryProperties {
        maxDeactivationShare = maxDeactivationShare == null ? 0.2 : maxDeactivationShare;
        deactivationsAlwaysAllowed = deactivationsAlwaysAllowed == null ? 5 : deactivationsAlwaysAllowed;
        if (maxDeactivationShare < 0 || maxDeactivationShare > 1) {
            throw new IllegalArgumentException("Expected baton.directory.max-deactivation-share from 0 to 1, but got "
                    + maxDeactivationShare);
        }
        if (deactivationsAlwaysAllowed < 0) {
            throw new IllegalArgumentException("Expected baton.directory.deactivations-always-allowed of at least 0,"
                    + " but got " + deactivationsAlwaysAllowed);
        }
    }

    /** Whether deactivating {@code deactivated} of {@code active} users needs the caller's confirmation. */
    public boolean needsConfirmation(int deactivated, int active) {
        return deactivated > deactivationsAlwaysAllowed && deactivated > maxDeactivationShare * active;
    }
}
