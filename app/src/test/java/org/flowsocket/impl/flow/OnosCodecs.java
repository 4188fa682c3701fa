/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.codec.impl.CodecManager;

/**
 * ONOS's real JSON codecs ({@code CodecManager} of onos-core-common) as the
 * codec context the flow handle store writes rules with.
 */
public final class OnosCodecs implements CodecContext {

    private final ObjectMapper mapper = new ObjectMapper();
    private final CodecManager codecs = new CodecManager();

    public OnosCodecs() {
        codecs.activate();
    }

    @Override
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public <T> JsonCodec<T> codec(Class<T> entityClass) {
        return codecs.getCodec(entityClass);
    }

    @Override
    public <T> T getService(Class<T> serviceClass) {
        throw new IllegalStateException("No " + serviceClass.getSimpleName() + " here");
    }
}
