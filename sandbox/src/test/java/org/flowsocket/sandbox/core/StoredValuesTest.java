/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.junit.Test;
import org.onlab.util.KryoNamespace;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The memory store's maps hold values as ONOS's distributed map does: run
 * side by side with ONOS's real Raft store (Atomix) in the same JVM, each
 * read hands out its own decoded copy, each listener its own copy of every
 * event's values, a value the serializer cannot write is refused, and a
 * conditional change compares what the serializer wrote.
 */
public class StoredValuesTest {

    /** A value whose serializer writes its text only: a copy read back has no note. */
    static final class Note {
        final String text;
        final transient String unsaved;

        Note(String text, String unsaved) {
            this.text = text;
            this.unsaved = unsaved;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Note && ((Note) o).text.equals(text) && Objects.equals(((Note) o).unsaved, unsaved);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    private static final class NoteSerializer extends com.esotericsoftware.kryo.Serializer<Note> {
        @Override
        public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output output, Note note) {
            output.writeString(note.text);
        }

        @Override
        public Note read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input input,
                         Class<Note> type) {
            return new Note(input.readString(), null);
        }
    }

    private static final Serializer SERIALIZER = Serializer.using(KryoNamespace.newBuilder()
            .nextId(KryoNamespace.INITIAL_ID).register(new NoteSerializer(), Note.class)
            .register(Versioned.class).build("stored-values-test"));

    // What each store did, in words, compared between the two.
    private static List<String> behaviour(StorageService storage, String name) throws Exception {
        List<String> seen = new ArrayList<>();
        ConsistentMap<String, Note> map = storage.<String, Note>consistentMapBuilder().withName(name)
                .withSerializer(SERIALIZER).build();
        List<MapEvent<String, Note>> first = new CopyOnWriteArrayList<>();
        List<MapEvent<String, Note>> second = new CopyOnWriteArrayList<>();
        map.addListener(first::add);
        map.addListener(second::add);

        Note written = new Note("a", "kept by the writer only");
        map.put("k", written);
        Note one = map.get("k").value();
        Note two = map.get("k").value();
        seen.add("read back: " + one.text + ", note " + one.unsaved);
        seen.add("two reads, one object: " + (one == two));
        seen.add("replace by the written object: " + map.replace("k", written, new Note("b", null)));
        seen.add("remove by an equal copy of what is stored: " + map.remove("k", new Note("b", "x")));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((first.size() < 3 || second.size() < 3) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        seen.add("events: " + first.size() + ", " + second.size());
        seen.add("each listener its own copy: " + (first.get(0).newValue().value() != second.get(0).newValue().value()));
        seen.add("event's value: " + first.get(0).newValue().value().text + ", note "
                + first.get(0).newValue().value().unsaved);

        ConsistentMap<String, Object> loose = storage.<String, Object>consistentMapBuilder().withName(name + "-loose")
                .withSerializer(SERIALIZER).build();
        try {
            loose.put("k", new StringBuilder("not registered"));
            seen.add("unregistered value stored");
        } catch (RuntimeException e) {
            seen.add("unregistered value refused");
        }
        seen.add("nothing stored after the refusal: " + (loose.get("k") == null));
        return seen;
    }

    @Test
    public void memoryStoreMapsBehaveAsOnosRaftStoreMaps() throws Exception {
        List<String> raft;
        try (SandboxCore core = SandboxCore.builder().build().start()) {
            raft = behaviour(core.get(StorageService.class), "raft");
        }
        List<String> memory;
        try (SandboxCore core = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start()) {
            memory = behaviour(core.get(StorageService.class), "memory");
        }
        assertEquals(raft, memory);
        // What ONOS does, written out, so that a change on both sides shows too.
        assertEquals(List.of("read back: a, note null", "two reads, one object: false",
                             "replace by the written object: true",
                             "remove by an equal copy of what is stored: true", "events: 3, 3",
                             "each listener its own copy: true", "event's value: a, note null",
                             "unregistered value refused", "nothing stored after the refusal: true"), memory);
    }

    @Test
    public void versionsGrowAndGuardChanges() {
        ConsistentMap<String, Note> map = new SandboxStorageService().<String, Note>consistentMapBuilder()
                .withName("versions").withSerializer(SERIALIZER).build();
        assertNull(map.putIfAbsent("k", new Note("a", null)));
        long first = map.get("k").version();
        assertEquals("a", map.putIfAbsent("k", new Note("b", null)).value().text);
        assertFalse(map.replace("k", first + 1, new Note("c", null)));
        assertTrue(map.replace("k", first, new Note("c", null)));
        long second = map.get("k").version();
        assertNotEquals(first, second);
        assertTrue(second > first);
        assertFalse(map.remove("k", first));
        assertTrue(map.remove("k", second));
        assertNull(map.get("k"));
        try {
            map.put("k", null);
            fail("a null value was stored");
        } catch (NullPointerException e) {
            assertNull(map.get("k"));
        }
        Versioned<Note> created = map.computeIfAbsent("k", k -> new Note("d", "unsaved"));
        assertEquals("d", created.value().text);
        assertNull("the value handed back is the one read from the store", created.value().unsaved);
        assertNotSame(created.value(), map.get("k").value());
    }
}
