package dev.baton.api.workflow;

/**
 * What happens when a state's participant rule resolves to nobody active.
 *
 * @param kind {@code REFUSE} (the default): the transition into the state is refused with a clear reason;
 *             {@code USER}: {@code user} gets the ticket; {@code ADMINS}: the workflow's admins get it. If the fallback
 *             finds nobody active either, the transition is refused.
 * @param user for {@code USER}
 */
public record Fallback(Kind kind, String user) {
    public enum Kind { REFUSE, USER, ADMINS }

    public static final Fallback REFUSE = new Fallback(Kind.REFUSE, null);

    public Fallback {
        kind = kind == null ? Kind.REFUSE : kind;
    }
}
