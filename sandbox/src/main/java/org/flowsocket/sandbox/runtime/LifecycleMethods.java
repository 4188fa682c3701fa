/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;

import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds and calls a component's activate, deactivate and modified methods.
 * As in Declarative Services, such a method takes any of
 * {@link ComponentContext}, {@link Map} (the properties),
 * {@link BundleContext} (null outside OSGi) and {@code int} (the
 * deactivation reason); of several overloads the one with most parameters
 * is called.
 */
final class LifecycleMethods {

    /** ComponentConstants.DEACTIVATION_REASON_DISABLED. */
    private static final int REASON_DISABLED = 1;

    private LifecycleMethods() {
    }

    /**
     * Finds a life-cycle method in a class or its superclasses.
     *
     * @param type component class
     * @param name method name, or null
     * @return the accessible method, or null if there is none
     */
    static Method find(Class<?> type, String name) {
        if (name == null) {
            return null;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method best = null;
            for (Method method : c.getDeclaredMethods()) {
                if (!method.getName().equals(name) || !supportedParameters(method)) {
                    continue;
                }
                if (best == null || method.getParameterCount() > best.getParameterCount()) {
                    best = method;
                }
            }
            if (best != null) {
                best.setAccessible(true);
                return best;
            }
        }
        return null;
    }

    /**
     * Calls a life-cycle method with arguments from the component's context.
     *
     * @param method life-cycle method
     * @param m      component
     */
    static void invoke(Method method, ManagedComponent m) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == ComponentContext.class) {
                args[i] = m.context;
            } else if (types[i] == Map.class) {
                args[i] = asMap(m.context.getProperties());
            } else if (types[i] == int.class || types[i] == Integer.class) {
                args[i] = REASON_DISABLED;
            } else {
                args[i] = null; // no BundleContext outside OSGi
            }
        }
        Reflection.invoke(method, m.instance, args);
    }

    private static boolean supportedParameters(Method method) {
        for (Class<?> p : method.getParameterTypes()) {
            if (p != ComponentContext.class && p != Map.class && p != BundleContext.class
                    && p != int.class && p != Integer.class) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> d) {
        Map<String, Object> map = new HashMap<>();
        for (Enumeration<String> k = d.keys(); k.hasMoreElements(); ) {
            String key = k.nextElement();
            map.put(key, d.get(key));
        }
        return map;
    }
}
