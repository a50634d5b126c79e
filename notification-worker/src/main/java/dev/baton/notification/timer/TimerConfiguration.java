package dev.baton.notification.timer;

import dev.baton.notification.consumer.Parking;
import dev.baton.notification.consumer.RoleConsumers;
import dev.baton.notification.consumer.SeenTickets;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/** The timer role's consumer ({@link RoleConsumers}) and settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimerProperties.class)
public class TimerConfiguration {
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> timerListenerFactory(KafkaProperties kafka,
                                                                                 MeterRegistry metrics,
                                                                                 Parking parking,
                                                                                 SeenTickets timerSeenTickets) {
        return RoleConsumers.factory(kafka, metrics, TimerEventListener.GROUP, 200,
                parking.errorHandler(TimerEventListener.ROLE, TimerEventListener.GROUP, null),
                SeenTickets.forgetOnRebalance(timerSeenTickets));
    }

    /** What the timer role's consumer knows of recent tickets (which have timers). */
    @Bean
    SeenTickets timerSeenTickets() {
        return new SeenTickets(SeenTickets.DEFAULT_CAPACITY);
    }
}
