package dev.baton.api.directory;

/**
 * Kafka keys of the directory topic: {@code user:<username>}, {@code department:<id>}, {@code role:<id>},
 * {@code delegation:<id>}.
 */
public final class DirectoryRecords {
    public static final String USER = "user:";
    public static final String DEPARTMENT = "department:";
    public static final String ROLE = "role:";
    public static final String DELEGATION = "delegation:";

    private DirectoryRecords() {
    }

    public static String userKey(String username) { return USER + username; }

    public static String departmentKey(String id) { return DEPARTMENT + id; }

    public static String roleKey(String id) { return ROLE + id; }

    public static String delegationKey(String id) { return DELEGATION + id; }
}
