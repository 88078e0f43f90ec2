package io.keyrenewal.localstack;

/**
 * One process of a service: {@code index} 0 is the first (named like the service), 1 the second
 * ({@code renewal-service-2}), and so on.
 */
public record ServiceInstance(StackService service, int index) {

    public ServiceInstance {
        if (index < 0) {
            throw new IllegalArgumentException("index " + index);
        }
    }

    public static ServiceInstance first(StackService service) {
        return new ServiceInstance(service, 0);
    }

    /** The process, log file and instance id name: {@code renewal-service}, {@code renewal-service-2}, ... */
    public String name() {
        return index == 0 ? service.serviceName() : service.serviceName() + "-" + (index + 1);
    }
}
