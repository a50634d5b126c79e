package dev.baton.api.workflow;

/**
 * Where a state's participants come from. The relative kinds work from a subject: the creator, or the users or
 * departments a ticket field names ({@link ParticipantRule#of()}). A user's departments are those the directory
 * lists for them; a department's leader is its {@code leader}, its deciders its {@code approvers} or, where it has
 * none, its leader.
 */
public enum ParticipantKind {
    /** {@code values} holds exactly one username. */
    USER,
    /** {@code values} holds usernames. */
    USERS,
    /** {@code values} holds department ids; every active member (sub-departments included). */
    DEPARTMENT,
    /** {@code values} holds role ids; every active member. */
    ROLE,
    /** The ticket's creator. */
    CREATOR,
    /** The approvers of each of the creator's departments, or its leader where it has no approvers. */
    CREATOR_DEPARTMENT_LEADER,
    /** The users a {@code USER} or {@code MULTI_USER} field names; {@code values} holds the field's key. */
    FIELD,
    /** Whoever handled the state {@code values[0]} of this ticket last (keeps familiar people). */
    HANDLER_OF,
    /**
     * Each subject user's direct leader: the leader of each of their departments, or, for the leader themself, the
     * nearest leader above.
     */
    LEADER,
    /** The direct leader of each subject user's direct leader. */
    SKIP_LEVEL_LEADER,
    /** The leader of the department {@code level - 1} steps above each of the subject's departments. */
    ANCESTOR_LEADER,
    /** The leader of each subject department (the creator's departments, or those a field names). */
    DEPARTMENT_LEADER,
    /** The leader of each subject department's parent. */
    PARENT_DEPARTMENT_LEADER,
    /** The approvers of each subject department, or its leader where it has none. */
    DEPARTMENT_APPROVERS,
    /**
     * The users an HTTP endpoint ({@code values[0]}) answers, asked off the command path while the ticket waits in a
     * resolving step; {@code timeoutSeconds} bounds the wait.
     */
    EXTERNAL,
    /** The active direct members of each named department, without its sub-departments. */
    DEPARTMENT_MEMBERS,
    /**
     * The active holders of the role {@code values[0]} within the departments {@code values[1..]} and their
     * sub-departments; with the role alone, within the subject's departments ({@code of}: the creator's by default).
     */
    ROLE_IN_DEPARTMENT
}
