/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;

import java.util.function.Function;

/**
 * The codec context the cost measurements hand ONOS's codecs: ONOS's codec
 * service and whatever services the codecs ask for.
 */
final class CodecContexts {

    private CodecContexts() {
    }

    /**
     * Returns a context over ONOS's codecs.
     *
     * @param codecs   ONOS's codec service
     * @param services gives the service of a class, or throws if there is none
     * @return the context, with a mapper of its own
     */
    static CodecContext over(CodecService codecs, Function<Class<?>, Object> services) {
        ObjectMapper mapper = new ObjectMapper();
        return new CodecContext() {
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
                return serviceClass.cast(services.apply(serviceClass));
            }
        };
    }
}
