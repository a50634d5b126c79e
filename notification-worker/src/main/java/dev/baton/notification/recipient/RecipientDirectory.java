package dev.baton.notification.recipient;

import dev.baton.api.directory.DirectoryUser;
import dev.baton.support.replica.DirectoryReplica;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Looks recipients up in the directory replica; a miss waits (bounded) for the replica to catch up once. */
@Component
public class RecipientDirectory {
    private final DirectoryReplica directory;

    public RecipientDirectory(DirectoryReplica directory) {
        this.directory = directory;
    }

    public Optional<DirectoryUser> user(String username) {
        Optional<DirectoryUser> user = directory.view().user(username);
        if (user.isEmpty()) {
            directory.catchUp();
            user = directory.view().user(username);
        }
        return user;
    }

    public List<Recipient> lookUp(List<String> usernames) {
        if (usernames.stream().anyMatch(u -> directory.view().user(u).isEmpty())) {
            directory.catchUp();
        }
        return usernames.stream().map(u -> directory.view().user(u).map(RecipientDirectory::recipient)
                .orElseGet(() -> Recipient.unknown(u))).toList();
    }

    /** A recipient, with contacts, by username; the username only for someone the directory does not know. */
    public Recipient recipient(String username) {
        return lookUp(List.of(username)).get(0);
    }

    /** The name to show for a user: the directory's, or the username. */
    public String nameOf(String username) {
        return directory.view().user(username).map(DirectoryUser::name).filter(n -> !n.isBlank()).orElse(username);
    }

    public static Recipient recipient(DirectoryUser user) {
        return new Recipient(user.username(), user.name(), user.email(), user.contacts());
    }
}
