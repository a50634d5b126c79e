/**
 * Pollers that sleep when there is no work: {@link dev.baton.support.poll.Pacer} says when to look next (soon after
 * work, ever later while idle, at once when woken) and {@link dev.baton.support.poll.Poller} runs a poller's thread
 * by it.
 */
package dev.baton.support.poll;
