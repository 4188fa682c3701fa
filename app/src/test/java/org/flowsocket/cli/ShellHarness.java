/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;

import javax.security.auth.Subject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.Assert.assertTrue;

/**
 * Runs FlowSocket's shell commands as Karaf runs them: Karaf's own
 * preparator reads the command line into the annotated fields, the command
 * runs as a JAAS subject holding Karaf's UserPrincipal (what Karaf's login
 * gives a shell session), and its output is captured.
 */
final class ShellHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShellHarness() {
    }

    /** What a command printed, and whether it failed. */
    static final class Output {
        final String out;
        /** Standard error, then the text of the CommandException the command ended with, if any. */
        final String err;
        /** Whether the command ended with a CommandException: exit status 1 over Karaf's SSH exec. */
        final boolean failed;

        Output(String out, String err, boolean failed) {
            this.out = out;
            this.err = err;
            this.failed = failed;
        }

        /** Returns the standard output as JSON, failing if there was an error. */
        JsonNode json() throws Exception {
            assertTrue("error output: " + err, err.isEmpty() && !failed);
            return JSON.readTree(out);
        }

        @Override
        public String toString() {
            return "out: " + out + "\nerr: " + err + (failed ? "\n(failed)" : "");
        }
    }

    /**
     * Returns FlowSocket's console commands: the classes of this package, in
     * a directory or a jar, that Karaf registers as commands.
     *
     * @return command classes by command name
     * @throws Exception if the package cannot be read
     */
    @SuppressWarnings("unchecked")
    static Map<String, Class<? extends FlowSocketCommand>> commandClasses() throws Exception {
        String dir = FlowSocketCommand.class.getPackageName().replace('.', '/') + "/";
        Path location = Path.of(FlowSocketCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(dir))) {
                files.forEach(f -> names.add(dir + f.getFileName()));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(dir)).forEach(names::add);
            }
        }
        Map<String, Class<? extends FlowSocketCommand>> commands = new TreeMap<>();
        for (String name : names) {
            if (!name.endsWith(".class") || name.contains("$")) {
                continue;
            }
            Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            Command command = c.getAnnotation(Command.class);
            if (command != null && c.isAnnotationPresent(Service.class)) {
                assertTrue(c + " is a command but no FlowSocketCommand", FlowSocketCommand.class.isAssignableFrom(c));
                commands.put(command.name(), (Class<? extends FlowSocketCommand>) c);
            }
        }
        return commands;
    }

    /**
     * Gives commands and completers the services of a map.
     *
     * @param services services by interface
     */
    static void useServices(Map<Class<?>, Object> services) {
        FlowSocketCommand.setServiceDirectory(new ServiceDirectory() {
            @Override
            public <T> T get(Class<T> serviceClass) {
                Object service = services.get(serviceClass);
                if (service == null) {
                    throw new ServiceNotFoundException("Service " + serviceClass.getName() + " not found");
                }
                return serviceClass.cast(service);
            }
        });
    }

    /**
     * Runs a command's body as a logged-in Karaf user. Karaf's shell calls
     * {@code execute()}, which onos-cli's AbstractShellCommand makes final:
     * it looks ONOS's AuditService up in OSGi (which a unit test has not),
     * then calls the body; the Karaf container suite runs that path.
     *
     * @param user    login name, or null to run without a login
     * @param command the command
     * @param args    its command line after the name
     * @return what it printed
     * @throws Exception if the command line is refused or the command throws
     */
    static Output run(String user, FlowSocketCommand command, String... args) throws Exception {
        boolean prepared = new DefaultActionPreparator().prepare(command, null, new ArrayList<>(Arrays.asList(args)));
        assertTrue("Karaf refused the command line " + Arrays.toString(args), prepared);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String failure = null;
        try {
            if (user == null) {
                command.doExecute();
            } else {
                Subject subject = new Subject();
                subject.getPrincipals().add(new UserPrincipal(user));
                Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> {
                    command.doExecute();
                    return null;
                });
            }
        } catch (CommandException | PrivilegedActionException e) {
            Throwable cause = e instanceof PrivilegedActionException ? e.getCause() : e;
            if (!(cause instanceof CommandException)) {
                throw (Exception) cause;
            }
            // What Karaf's ShellUtil.logException prints of a CommandException.
            failure = ((CommandException) cause).getNiceHelp();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String errors = err.toString(StandardCharsets.UTF_8) + (failure == null ? "" : failure + "\n");
        return new Output(out.toString(StandardCharsets.UTF_8), errors, failure != null);
    }

    /**
     * Completes an argument or option of a command with the completer its
     * {@link Completion} names, as Karaf's ArgumentCompleter does.
     *
     * @param command command class
     * @param name    argument name, or option name such as {@code --class}
     * @param typed   what the user typed so far
     * @return the candidates
     */
    static List<String> complete(Class<? extends Action> command, String name, String typed) throws Exception {
        Completer completer = completerOf(command, name).getDeclaredConstructor().newInstance();
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new CommandLineImpl(new String[]{typed}, 0, typed.length(), typed.length(), typed),
                           candidates);
        return candidates;
    }

    /**
     * Returns the completer class an argument or option names.
     *
     * @param command command class
     * @param name    argument name, or option name such as {@code --class}
     * @return completer class
     */
    @SuppressWarnings("unchecked")
    static Class<? extends Completer> completerOf(Class<?> command, String name) {
        for (Class<?> c = command; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Argument argument = field.getAnnotation(Argument.class);
                Option option = field.getAnnotation(Option.class);
                boolean named = argument != null && argument.name().equals(name)
                        || option != null && (option.name().equals(name)
                        || Arrays.asList(option.aliases()).contains(name));
                if (named) {
                    Completion completion = field.getAnnotation(Completion.class);
                    assertTrue(name + " of " + command.getSimpleName() + " has no completer", completion != null);
                    return (Class<? extends Completer>) completion.value();
                }
            }
        }
        throw new AssertionError(command.getSimpleName() + " has no argument or option " + name);
    }
}
