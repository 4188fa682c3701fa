/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reflective access to a component's fields and methods, private ones
 * included, with failures as unchecked exceptions.
 */
final class Reflection {

    private Reflection() {
    }

    /**
     * Finds a field declared by a class or one of its superclasses.
     *
     * @param type class to search
     * @param name field name
     * @return the accessible field
     * @throws IllegalStateException if there is no such field
     */
    static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new IllegalStateException(type.getName() + " has no field " + name);
    }

    /**
     * Reads a field.
     *
     * @param f      field
     * @param target object to read it from
     * @return its value
     */
    static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a field.
     *
     * @param f      field
     * @param target object to write it in
     * @param value  new value
     */
    static void set(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Finds a method of one parameter that accepts the given argument.
     *
     * @param type class to search, superclasses included
     * @param name method name
     * @param arg  the argument it must accept
     * @return the accessible method
     * @throws IllegalStateException if there is no such method
     */
    static Method findSingleArgMethod(Class<?> type, String name, Object arg) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 1
                        && method.getParameterTypes()[0].isInstance(arg)) {
                    method.setAccessible(true);
                    return method;
                }
            }
        }
        throw new IllegalStateException(type.getName() + " has no method " + name + "("
                + arg.getClass().getName() + ")");
    }

    /**
     * Invokes a method; what the method throws is rethrown as is when it is
     * unchecked.
     *
     * @param method method
     * @param target object to invoke it on
     * @param args   arguments
     */
    static void invoke(Method method, Object target, Object... args) {
        try {
            method.setAccessible(true);
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
