/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;
import java.util.Locale;

/**
 * Completes the names of an enum's constants as the protocol and the
 * commands take them: lower case, dashes for underscores.
 *
 * @param <E> enum type
 */
abstract class EnumNameCompleter<E extends Enum<E>> implements Completer {

    private final Class<E> type;

    /**
     * Creates a completer of a type's names.
     *
     * @param type enum class
     */
    EnumNameCompleter(Class<E> type) {
        this.type = type;
    }

    /**
     * Returns a constant's name as the protocol writes it.
     *
     * @param constant the constant
     * @return e.g. {@code best-effort}
     */
    static String protocolName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (E constant : type.getEnumConstants()) {
            delegate.getStrings().add(protocolName(constant));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
