package dev.baton.config.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory tables: users (with their memberships), departments and roles. Plain JDBC, no transactions. */
@Repository
public class DirectoryRepository {
    private static final String USER_COLUMNS =
            "username, name, email, active, departments, roles, channels, contacts";
    private static final String DEPARTMENT_COLUMNS = "id, name, parent_id, leader, approvers";
    private static final TypeReference<Map<String, String>> CONTACTS = new TypeReference<>() {
    };
    private static final RowMapper<Department> DEPARTMENT = (rs, n) -> new Department(rs.getString("id"),
            rs.getString("name"), rs.getString("parent_id"), rs.getString("leader"), strings(rs.getArray("approvers")));
    private static final RowMapper<Role> ROLE = (rs, n) -> new Role(rs.getString("id"), rs.getString("name"));

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<DirectoryUser> userRow;

    public DirectoryRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.userRow = (rs, n) -> new DirectoryUser(rs.getString("username"), rs.getString("name"),
                rs.getString("email"), rs.getBoolean("active"), strings(rs.getArray("departments")),
                strings(rs.getArray("roles")), strings(rs.getArray("channels")), contacts(rs.getString("contacts")));
    }

    /** Blocks every other directory writer until the current transaction ends (bulk sync, republish). */
    public void lockAll() {
        jdbc.execute("LOCK TABLE directory_department, directory_role, directory_user IN SHARE ROW EXCLUSIVE MODE");
    }

    /** Serialises writers of the department tree (so no two of them can make a cycle together). */
    public void lockDepartments() {
        jdbc.execute("LOCK TABLE directory_department IN SHARE ROW EXCLUSIVE MODE");
    }

    // users

    public Optional<DirectoryUser> user(String username) {
        return jdbc.query("SELECT " + USER_COLUMNS + " FROM directory_user WHERE username = ?", userRow, username)
                .stream().findFirst();
    }

    public Optional<DirectoryUser> userForUpdate(String username) {
        return jdbc.query("SELECT " + USER_COLUMNS + " FROM directory_user WHERE username = ? FOR UPDATE", userRow,
                username).stream().findFirst();
    }

    /** Users matching every given filter (null = any), ordered by username. */
    public List<DirectoryUser> users(String department, String role, Boolean active) {
        return jdbc.query("SELECT " + USER_COLUMNS + " FROM directory_user"
                        + " WHERE (?::text IS NULL OR ?::text = ANY (departments))"
                        + " AND (?::text IS NULL OR ?::text = ANY (roles))"
                        + " AND (?::boolean IS NULL OR active = ?::boolean)"
                        + " ORDER BY username",
                userRow, department, department, role, role, active, active);
    }

    /** The users (active or not) listing the department, locked for update. */
    public List<DirectoryUser> membersOfDepartmentForUpdate(String departmentId) {
        return jdbc.query("SELECT " + USER_COLUMNS + " FROM directory_user WHERE ? = ANY (departments)"
                + " ORDER BY username FOR UPDATE", userRow, departmentId);
    }

    /** The users (active or not) holding the role, locked for update. */
    public List<DirectoryUser> holdersOfRoleForUpdate(String roleId) {
        return jdbc.query("SELECT " + USER_COLUMNS + " FROM directory_user WHERE ? = ANY (roles)"
                + " ORDER BY username FOR UPDATE", userRow, roleId);
    }

    public void upsertUsers(Collection<DirectoryUser> users) {
        upsertUsers(users, false);
    }

    /** Writes the users; {@code demo} marks them as the demo loader's (any later write clears the mark). */
    public void upsertUsers(Collection<DirectoryUser> users, boolean demo) {
        jdbc.batchUpdate("INSERT INTO directory_user (" + USER_COLUMNS + ", demo)"
                        + " VALUES (?, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?::jsonb, ?)"
                        + " ON CONFLICT (username) DO UPDATE SET name = excluded.name, email = excluded.email,"
                        + " active = excluded.active, departments = excluded.departments, roles = excluded.roles,"
                        + " channels = excluded.channels, contacts = excluded.contacts, demo = excluded.demo",
                users.stream().map(u -> new Object[]{u.username(), u.name(), u.email(), u.active(),
                        array(u.departments()), array(u.roles()), array(u.channels()), json(u.contacts()), demo})
                        .toList());
    }

    /** The users the demo loader created and nothing has written since. */
    public List<String> demoUsers() {
        return jdbc.queryForList("SELECT username FROM directory_user WHERE demo ORDER BY username", String.class);
    }

    /** Clears the demo mark of the named users: a feed or API call has taken them over, even unchanged. */
    public void adoptUsers(Collection<String> usernames) {
        if (!usernames.isEmpty()) {
            jdbc.update("UPDATE directory_user SET demo = false WHERE demo AND username = ANY (?::text[])",
                    (Object) array(List.copyOf(usernames)));
        }
    }

    // departments

    public Optional<Department> department(String id) {
        return jdbc.query("SELECT " + DEPARTMENT_COLUMNS + " FROM directory_department WHERE id = ?", DEPARTMENT, id)
                .stream().findFirst();
    }

    public Optional<Department> departmentForUpdate(String id) {
        return jdbc.query("SELECT " + DEPARTMENT_COLUMNS + " FROM directory_department WHERE id = ? FOR UPDATE",
                DEPARTMENT, id).stream().findFirst();
    }

    public List<Department> departments() {
        return jdbc.query("SELECT " + DEPARTMENT_COLUMNS + " FROM directory_department ORDER BY id", DEPARTMENT);
    }

    public List<String> childrenOf(String id) {
        return jdbc.queryForList("SELECT id FROM directory_department WHERE parent_id = ? ORDER BY id", String.class,
                id);
    }

    /**
     * Which of the ids are departments, holding a key-share lock on each until the transaction ends, so none of
     * them can be deleted under a user or department that is about to name it.
     */
    public List<String> existingDepartmentsLocked(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT id FROM directory_department WHERE id = ANY (?::text[]) ORDER BY id"
                + " FOR KEY SHARE", String.class, (Object) array(ids));
    }

    public void upsertDepartments(Collection<Department> departments) {
        jdbc.batchUpdate("INSERT INTO directory_department (" + DEPARTMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?::text[])"
                        + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,"
                        + " leader = excluded.leader, approvers = excluded.approvers",
                departments.stream().map(d -> new Object[]{d.id(), d.name(), d.parentId(), d.leader(),
                        array(d.approvers())}).toList());
    }

    public void deleteDepartments(Collection<String> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("DELETE FROM directory_department WHERE id = ANY (?::text[])", (Object) array(ids));
        }
    }

    // roles

    public Optional<Role> role(String id) {
        return jdbc.query("SELECT id, name FROM directory_role WHERE id = ?", ROLE, id).stream().findFirst();
    }

    public Optional<Role> roleForUpdate(String id) {
        return jdbc.query("SELECT id, name FROM directory_role WHERE id = ? FOR UPDATE", ROLE, id).stream().findFirst();
    }

    public List<Role> roles() {
        return jdbc.query("SELECT id, name FROM directory_role ORDER BY id", ROLE);
    }

    /** Which of the ids are roles, key-share locked like {@link #existingDepartmentsLocked}. */
    public List<String> existingRolesLocked(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT id FROM directory_role WHERE id = ANY (?::text[]) ORDER BY id FOR KEY SHARE",
                String.class, (Object) array(ids));
    }

    public void upsertRoles(Collection<Role> roles) {
        jdbc.batchUpdate("INSERT INTO directory_role (id, name) VALUES (?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                roles.stream().map(r -> new Object[]{r.id(), r.name()}).toList());
    }

    public void deleteRoles(Collection<String> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("DELETE FROM directory_role WHERE id = ANY (?::text[])", (Object) array(ids));
        }
    }

    /** Which of the usernames exist (active or not). */
    public List<String> existingUsers(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT username FROM directory_user WHERE username = ANY (?::text[])", String.class,
                (Object) array(usernames));
    }

    /** The whole directory, ordered by id and username. */
    public DirectorySnapshot snapshot() {
        return new DirectorySnapshot(departments(), roles(),
                jdbc.query("SELECT " + USER_COLUMNS + " FROM directory_user ORDER BY username", userRow));
    }

    private static String[] array(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    private String json(Map<String, String> contacts) {
        try {
            return json.writeValueAsString(contacts);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise contacts", e);
        }
    }

    private Map<String, String> contacts(String value) {
        try {
            return value == null ? Map.of() : json.readValue(value, CONTACTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored contacts cannot be read", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
