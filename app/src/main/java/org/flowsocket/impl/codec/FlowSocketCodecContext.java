/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableMap;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.Map;

/**
 * Lets ONOS's codecs encode and decode on FlowSocket's behalf: they find
 * their codecs through {@link CodecService} and the services they consult
 * (devices, drivers, core) among the ones FlowSocket holds. The Criterion
 * codec is ONOS's behind a cache ({@link CachedCriterionCodec}).
 */
public final class FlowSocketCodecContext implements CodecContext {

    private final ObjectMapper mapper;
    private final CodecService codecService;
    private final Map<Class<?>, Object> services;
    private final RuleForms ruleForms = new RuleForms();
    // Made at first use: ONOS registers its codecs when CodecManager activates.
    private final Supplier<CachedCriterionCodec> criteria =
            Suppliers.memoize(() -> new CachedCriterionCodec(onosCodec(Criterion.class)));

    public FlowSocketCodecContext(ObjectMapper mapper, CodecService codecService, Map<Class<?>, Object> services) {
        this.mapper = mapper;
        this.codecService = codecService;
        this.services = ImmutableMap.copyOf(services);
    }

    /**
     * Returns the JSON the rules of requests were read from, for the stored
     * form of their flows.
     *
     * @return the forms read with this context
     */
    public RuleForms ruleForms() {
        return ruleForms;
    }

    @Override
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> JsonCodec<T> codec(Class<T> entityClass) {
        if (entityClass == Criterion.class) {
            return (JsonCodec<T>) criteria.get();
        }
        return onosCodec(entityClass);
    }

    private <T> JsonCodec<T> onosCodec(Class<T> entityClass) {
        JsonCodec<T> codec = codecService.getCodec(entityClass);
        if (codec == null) {
            throw new IllegalStateException("ONOS has no JSON codec for " + entityClass.getSimpleName());
        }
        return codec;
    }

    @Override
    public <T> T getService(Class<T> serviceClass) {
        Object service = services.get(serviceClass);
        if (service == null) {
            throw new IllegalStateException("FlowSocket does not hold " + serviceClass.getSimpleName());
        }
        return serviceClass.cast(service);
    }
}
