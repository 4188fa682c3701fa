/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.core.IdBlock;
import org.onosproject.core.UnavailableIdException;
import org.onosproject.store.service.AtomicCounter;

/**
 * Flow ids unique in the cluster without a store round trip per id: each
 * node takes a block of ids from one cluster-wide counter and hands them out
 * locally, as ONOS 2.5.6 BlockAllocatorBasedIdGenerator does over
 * DistributedIdBlockStore ({@code counter.getAndAdd(blockSize)}). Ids of one
 * node increase; ids of different nodes interleave by block.
 */
final class HandleIdBlocks {

    /** Ids a node takes at once. */
    static final long BLOCK_SIZE = 1000;

    private final AtomicCounter counter;
    private final StoreOperations operations;
    private IdBlock block;

    /**
     * Creates the allocator.
     *
     * @param counter    the cluster-wide counter, the first id not yet taken
     * @param operations counts the calls made to the store
     */
    HandleIdBlocks(AtomicCounter counter, StoreOperations operations) {
        this.counter = counter;
        this.operations = operations;
    }

    /**
     * Returns a new id.
     *
     * @return a number no node returned before, from 1 on
     */
    synchronized long next() {
        if (block != null) {
            try {
                return block.getNextId() + 1;
            } catch (UnavailableIdException e) {
                block = null;
            }
        }
        block = new IdBlock(operations.count(() -> counter.getAndAdd(BLOCK_SIZE)), BLOCK_SIZE);
        return block.getNextId() + 1;
    }
}
