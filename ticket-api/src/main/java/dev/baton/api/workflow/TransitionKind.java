package dev.baton.api.workflow;

/** What taking a transition means: agreeing moves the work on, rejecting marks the ticket rejected. */
public enum TransitionKind { AGREE, REJECT, OTHER }
