package dev.baton.notification.delivery;

import dev.baton.support.auth.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/** For operators: what was sent about a ticket, to whom, and how it went. Admin caller applications only. */
@RestController
public class DeliveryController {
    private final DeliveryRepository deliveries;

    public DeliveryController(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/deliveries")
    public Mono<List<Delivery>> forTicket(@RequestParam String ticketId, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Mono.fromCallable(() -> deliveries.forTicket(ticketId)).subscribeOn(Schedulers.boundedElastic());
    }
}
