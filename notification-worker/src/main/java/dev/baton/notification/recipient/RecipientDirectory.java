package dev.baton.notification.recipient;

import dev.baton.api.directory.DirectoryUser;
import dev.baton.support.replica.DirectoryReplica;
import org.springframework.stereotype.Component;

import java.util.List;

/** Looks recipients up in the directory replica; a miss waits (bounded) for the replica to catch up once. */
@Component
public class RecipientDirectory {
    private final DirectoryReplica directory;

    public RecipientDirectory(DirectoryReplica directory) {
        this.directory = directory;
    }

    public List<Recipient> lookUp(List<String> usernames) {
        if (usernames.stream().anyMatch(u -> directory.view().user(u).isEmpty())) {
            directory.catchUp();
        }
        return usernames.stream().map(u -> directory.view().user(u).map(RecipientDirectory::recipient)
                .orElseGet(() -> Recipient.unknown(u))).toList();
    }

    private static Recipient recipient(DirectoryUser user) {
        return new Recipient(user.username(), user.name(), user.email());
    }
}
