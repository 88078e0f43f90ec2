package io.keyrenewal.renewal.logging;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every command and every event handler of every processor runs with the renewal's ids in the log context. */
@Configuration(proxyBeanMethods = false)
public class LogContextConfiguration {

    @Bean
    ConfigurerModule renewalLogContext() {
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultHandlerInterceptor((configuration, processor) -> new RenewalLogContext<>());
            // on start, before any command handler can run: the command bus exists only once Axon is configured
            configurer.onInitialize(configuration -> configuration.onStart(Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS,
                    () -> configuration.commandBus().registerHandlerInterceptor(new RenewalLogContext<>())));
        };
    }
}
