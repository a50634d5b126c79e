package dev.baton.notification.recipient;

import dev.baton.api.ticket.TransitionRef;

/** What the actor did: a stable key and a name to show (the transition's, for a handled ticket). */
public record Action(String key, String name) {
    public static final Action CREATE = new Action("create", "Create");
    public static final Action TRANSFER = new Action("transfer", "Transfer");
    public static final Action ADD_SIGN = new Action("add-sign", "Add sign");
    public static final Action FINISH_SIGN = new Action("finish-sign", "Finish sign");
    public static final Action RELEASE = new Action("release", "Release");
    public static final Action SEND_BACK = new Action("send-back", "Send back");
    public static final Action REASSIGN = new Action("reassign", "Reassign");
    public static final Action JUMP = new Action("jump", "Move");
    public static final Action CC = new Action("cc", "Copy");
    public static final Action REMIND = new Action("remind", "Remind");
    public static final Action ESCALATE = new Action("escalate", "Escalate");
    public static final Action CLOSE = new Action("close", "Close");
    public static final Action WITHDRAW = new Action("withdraw", "Withdraw");
    public static final Action HOOK = new Action("hook", "Call a system");

    public static Action of(TransitionRef transition) {
        if (transition == null) {
            return new Action("handle", "Handle");
        }
        return new Action(transition.key(), transition.name() == null ? transition.key() : transition.name());
    }
}
