/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// A small chart of each charted flow's bit rate over the last few minutes,
// drawn with d3-selection, d3-scale and d3-shape.

import {select} from './vendor/d3-selection.js';
import {scaleLinear, scaleTime} from './vendor/d3-scale.js';
import {area, line} from './vendor/d3-shape.js';
import {HISTORY_MS, formatRate} from './traffic.js';

const WIDTH = 260;
const HEIGHT = 70;
const MARGIN = {top: 6, right: 6, bottom: 16, left: 6};

export class RateCharts {
    constructor(container, empty) {
        this.container = select(container);
        this.empty = empty;
    }

    /** Draws one chart per charted flow still known, in flow id order. */
    render(model, traffic, charted) {
        const flows = [...charted].filter((id) => model.flows.has(id)).sort();
        this.empty.hidden = flows.length > 0;
        const now = Date.now();
        const charts = this.container.selectAll('figure.rate-chart').data(flows, (id) => id);
        charts.exit().remove();
        const entered = charts.enter().append('figure').attr('class', 'rate-chart');
        const caption = entered.append('figcaption');
        caption.append('span').attr('class', 'flow');
        caption.append('span').attr('class', 'rate');
        const svg = entered.append('svg').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
            .attr('role', 'img');
        svg.append('path').attr('class', 'area');
        svg.append('path').attr('class', 'line');
        svg.append('text').attr('class', 'axis start').attr('x', MARGIN.left).attr('y', HEIGHT - 3);
        svg.append('text').attr('class', 'axis end').attr('x', WIDTH - MARGIN.right).attr('y', HEIGHT - 3)
            .attr('text-anchor', 'end').text('now');
        svg.append('text').attr('class', 'axis max').attr('x', WIDTH - MARGIN.right).attr('y', MARGIN.top + 9)
            .attr('text-anchor', 'end');

        entered.merge(charts).order().each(function (flowId) {
            const points = traffic.flows.get(flowId) || [];
            const fig = select(this);
            fig.attr('data-flow', flowId).attr('data-points', points.length);
            const last = points.length ? points[points.length - 1].bitRate : null;
            fig.select('.flow').text(flowId);
            fig.select('.rate').text(last == null ? 'no statistics yet' : formatRate(last));
            const end = Math.max(now, points.length ? points[points.length - 1].t : now);
            const x = scaleTime().domain([end - HISTORY_MS, end])
                .range([MARGIN.left, WIDTH - MARGIN.right]);
            const max = Math.max(1000, ...points.map((p) => p.bitRate));
            const y = scaleLinear().domain([0, max * 1.1]).nice()
                .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
            const svgEl = fig.select('svg').attr('aria-label', `${flowId} bit rate, last 5 minutes`);
            svgEl.select('path.area').attr('d', area().x((p) => x(p.t)).y0(y(0)).y1((p) => y(p.bitRate))(points) || '');
            svgEl.select('path.line').attr('d', line().x((p) => x(p.t)).y((p) => y(p.bitRate))(points) || '');
            svgEl.select('text.start').text('-5 min');
            svgEl.select('text.max').text(formatRate(y.domain()[1]));
        });
    }
}
