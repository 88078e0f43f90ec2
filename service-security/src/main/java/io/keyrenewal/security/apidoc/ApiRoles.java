package io.keyrenewal.security.apidoc;

import java.util.Arrays;
import java.util.List;

/**
 * The roles of a service's API. Its description names, for each endpoint, those of them the service's security
 * filter chain lets call it: the rules are read from the chain itself, not written a second time.
 */
public record ApiRoles(List<String> names) {

    public ApiRoles {
        names = List.copyOf(names);
    }

    public static ApiRoles of(Enum<?>... roles) {
        return new ApiRoles(Arrays.stream(roles).map(Enum::name).toList());
    }

    public static ApiRoles of(String... roles) {
        return new ApiRoles(List.of(roles));
    }
}
