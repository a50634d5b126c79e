package dev.baton.notification.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.BatonJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code hook_field_names} table: the names a state's hook call gave the ticket's fields on the way out (its
 * hook's {@code fields}, ticket field key → the system's name), so that the system's answer, which speaks the same
 * names, goes back to the ticket under the ticket's own keys ({@link #toTicketKeys}).
 */
@Repository
public class HookFieldNames {
    private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
    };
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = BatonJson.mapper();

    public HookFieldNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the call's names; a call seen before, or one that renames nothing, changes nothing. */
    public void keep(String hookId, Map<String, String> names) {
        if (names.isEmpty()) {
            return;
        }
        try {
            jdbc.update("INSERT INTO hook_field_names (hook_id, names) VALUES (?, ?::jsonb)"
                    + " ON CONFLICT (hook_id) DO NOTHING", hookId, json.writeValueAsString(names));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the field names of hook call " + hookId, e);
        }
    }

    /** The call's names, ticket field key → the system's name; none for a call that renamed nothing. */
    public Map<String, String> of(String hookId) {
        List<String> found = jdbc.queryForList("SELECT names::text FROM hook_field_names WHERE hook_id = ?",
                String.class, hookId);
        if (found.isEmpty()) {
            return Map.of();
        }
        try {
            return json.readValue(found.get(0), NAMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the field names of hook call " + hookId, e);
        }
    }

    /**
     * An answer's {@code fields} under the ticket's keys: a name the call gave a field goes back to that field (to
     * each field it was given to); any other name is kept as it is, so a system may also answer a ticket field by its
     * own key. Where both name one field, the call's name wins. Names that are no ticket field are left for the
     * ticket to refuse.
     */
    public static Map<String, Object> toTicketKeys(Map<String, String> names, Map<String, Object> answered) {
        if (names.isEmpty() || answered.isEmpty()) {
            return answered;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        answered.forEach((name, value) -> names.forEach((field, sentAs) -> {
            if (sentAs.equals(name)) {
                fields.put(field, value);
            }
        }));
        answered.forEach((name, value) -> {
            if (!names.containsValue(name) && !fields.containsKey(name)) {
                fields.put(name, value);
            }
        });
        return fields;
    }
}
