package io.keyrenewal.localstack;

import java.nio.file.Path;

/** The three services of the stack, their default ports and where the build puts their executable jars. */
public enum StackService {

    RENEWAL_SERVICE("renewal-service", 8081),
    KEYSTORE_SERVICE("keystore-service", 8082),
    NOTIFICATION_SERVICE("notification-service", 8083);

    private final String serviceName;
    private final int defaultPort;

    StackService(String serviceName, int defaultPort) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
    }

    /** The module, jar and log name, e.g. {@code renewal-service}. */
    public String serviceName() {
        return serviceName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** {@code <repository>/<service>/target/<service>.jar} */
    public Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(serviceName).resolve("target").resolve(serviceName + ".jar");
    }
}
