/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// Removing a flow from its row, after the user confirms.

/** page: {client, log, errors}; button: the row's Remove button, disabled while the request runs. */
export async function removeFlow(page, flowId, button) {
    // One click must not remove a flow: a framed or tricked click could.
    if (!window.confirm(`Remove flow ${flowId} and every rule it installed?`)) {
        return;
    }
    button.disabled = true;
    button.dataset.busy = 'true';
    try {
        const r = await page.client.request('RemoveFlow', {flowId});
        page.log.add('reply', 'RemoveFlow', `${flowId} ${r.state}`);
    } catch (e) {
        page.errors.show(e);
        button.disabled = false;
    } finally {
        delete button.dataset.busy;
    }
}
