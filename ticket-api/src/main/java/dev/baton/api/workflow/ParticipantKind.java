package dev.baton.api.workflow;

/** Where a state's participants come from. */
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
    CREATOR_DEPARTMENT_LEADER
}
