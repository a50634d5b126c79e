package dev.baton.support.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Handles every request off the thread of the connection it came on, first of all filters.
 * <p>
 * Reactor Netty 1.2 holds a request that arrives on a kept-alive connection before the previous exchange has
 * finished, and hands it on once that exchange ends. When the held request is then answered at once, on that same
 * call (a refusal before any work leaves the thread: an unsigned request, a control character in the path, a
 * health check), the connection stops reading: the client's next request waits until it gives up. Starting each
 * exchange on another thread means no answer is written within that call, so the connection always reads on. The
 * cost is one hand-over per request.
 */
public class ConnectionThreadFilter implements WebFilter, Ordered {
    private final Scheduler scheduler;

    public ConnectionThreadFilter() {
        this(Schedulers.parallel());
    }

    ConnectionThreadFilter(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.defer(() -> chain.filter(exchange)).subscribeOn(scheduler);
    }
}
