package dev.baton.notification.channel;

/** The kinds of channel a notification can take. */
public enum ChannelType {
    /** Email over SMTP ({@code spring.mail.*}), to the directory's email of the recipient. */
    EMAIL,
    /** A JSON POST of the whole notification to an HTTP endpoint, optionally signed like hooks. */
    WEBHOOK,
    /** A Feishu/Lark group's custom bot, signed when the bot has a secret. */
    FEISHU,
    /** A DingTalk group's custom robot, signed when the robot has a secret. */
    DINGTALK,
    /** A WeCom group robot (its key is in its URL). */
    WECOM,
    /**
     * A demo channel: one line in the worker's log per notice, written when the event is read, with no delivery kept
     * and no retry. For trying Baton out (the standalone's default when no webhook is set), not for production.
     */
    LOG
}
