/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's users: name, password and roles, for HTTP BASIC on the REST
 * API and on FlowSocket's WebSocket handshake.
 * <p>
 * The roles are ONOS's: {@value #ADMIN} may read and change the network,
 * {@value #VIEWER} may only read. ONOS's REST authorization filter requires
 * {@code viewer} for every request, and ONOS's Karaf groups give admins both
 * roles, so {@code admin} here implies {@code viewer}.
 * <p>
 * The default users are {@code onos} / {@code rocks} (admin, ONOS's usual
 * account) and {@code viewer} / {@code viewer} (read-only). A users file
 * replaces them; it has Jetty's realm-properties format, one user a line:
 * <pre>
 * # name: password, role[, role]
 * onos: rocks, admin
 * viewer: viewer, viewer
 * </pre>
 * A password may use Jetty's credential prefixes ({@code MD5:}, {@code CRYPT:},
 * {@code OBF:}).
 */
public final class SandboxUsers {

    /** Role that may change the network. */
    public static final String ADMIN = "admin";
    /** Role that may read the network. */
    public static final String VIEWER = "viewer";

    /** One user. */
    public static final class User {
        private final String name;
        private final String password;
        private final Set<String> roles;

        User(String name, String password, Set<String> roles) {
            this.name = name;
            this.password = password;
            this.roles = Collections.unmodifiableSet(roles);
        }

        /** @return user name */
        public String name() {
            return name;
        }

        /** @return password (possibly with a Jetty credential prefix) */
        public String password() {
            return password;
        }

        /** @return roles */
        public Set<String> roles() {
            return roles;
        }

        /** @return true if the user may change the network */
        public boolean isAdmin() {
            return roles.contains(ADMIN);
        }
    }

    private final Map<String, User> users;

    private SandboxUsers(Map<String, User> users) {
        this.users = Collections.unmodifiableMap(users);
    }

    /** @return the default users: onos/rocks (admin) and viewer/viewer */
    public static SandboxUsers defaults() {
        return parse(List.of("onos: rocks, admin", "viewer: viewer, viewer"), "defaults");
    }

    /**
     * Reads a users file.
     *
     * @param file users file
     * @return the users
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static SandboxUsers load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses users from lines in realm-properties format.
     *
     * @param lines  lines
     * @param source where they came from (for messages)
     * @return the users
     */
    public static SandboxUsers parse(List<String> lines, String source) {
        Map<String, User> users = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int sep = line.indexOf(':');
            if (sep < 0) {
                sep = line.indexOf('=');
            }
            if (sep <= 0) {
                throw new IllegalArgumentException(source + ":" + n + ": expected 'name: password, role'");
            }
            String name = line.substring(0, sep).trim();
            String[] parts = line.substring(sep + 1).split(",");
            String password = parts[0].trim();
            if (name.isEmpty() || password.isEmpty()) {
                throw new IllegalArgumentException(source + ":" + n + ": empty name or password");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (int i = 1; i < parts.length; i++) {
                String role = parts[i].trim();
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
            if (!roles.contains(ADMIN) && !roles.contains(VIEWER)) {
                throw new IllegalArgumentException(source + ":" + n + ": user " + name
                        + " needs role " + ADMIN + " or " + VIEWER);
            }
            if (roles.contains(ADMIN)) {
                roles.add(VIEWER);
            }
            users.put(name, new User(name, password, roles));
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(source + ": no users");
        }
        return new SandboxUsers(users);
    }

    /** @return users by name, in file order */
    public Map<String, User> users() {
        return users;
    }

    /** @return the users, in file order */
    public List<User> list() {
        return new ArrayList<>(users.values());
    }
}
