package io.keyrenewal.localstack;

import java.nio.file.Path;

/** The three services of the stack, their default ports, databases and where the build puts their executable jars. */
public enum StackService {

    RENEWAL_SERVICE("renewal-service", 8081, "renewal"),
    KEYSTORE_SERVICE("keystore-service", 8082, "keystore"),
    NOTIFICATION_SERVICE("notification-service", 8083, "notification");

    private final String serviceName;
    private final int defaultPort;
    private final String database;

    StackService(String serviceName, int defaultPort, String database) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    /** The service's database on the stack's PostgreSQL server. */
    public String database() {
        return database;
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
