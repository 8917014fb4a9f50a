/*
 * threadleaks: a "Thread leaks" view for every instance whose actuator exposes the
 * threadleaks endpoint. Plain JavaScript on Spring Boot Admin's own Vue (a global), no
 * build step. Reads only the instance's /actuator/threadleaks, through SBA's proxy.
 */
/* global SBA, Vue */
(function () {
  'use strict';

  const h = Vue.h;

  // How often the view reads the report again while it is open.
  const REFRESH_MILLIS = 10000;

  // Frames shown for a group that is not suspected: enough to recognise it.
  const FRAMES_OF_OTHERS = 6;

  /** A duration in milliseconds as Go prints it in goroutine dumps: 850ms, 4.2s, 3m12s, 2h5m. */
  function duration(millis) {
    if (millis < 1000) {
      return millis + 'ms';
    }
    const seconds = Math.floor(millis / 1000);
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    const rest = seconds % 60;
    if (hours > 0) {
      return hours + 'h' + minutes + 'm';
    }
    if (minutes > 0) {
      return minutes + 'm' + (rest > 0 ? rest + 's' : '');
    }
    return seconds + 's';
  }

  /** The count history as a small line, oldest left; the polyline's points are the samples. */
  function sparkline(history, suspected) {
    const width = 120;
    const height = 24;
    const values = history.length > 0 ? history : [0];
    const max = Math.max(1, ...values);
    const step = values.length > 1 ? width / (values.length - 1) : 0;
    const points = values
      .map((value, i) => (i * step).toFixed(1) + ',' + (height - 2 - (value / max) * (height - 4)).toFixed(1))
      .join(' ');
    return h('svg', {
      class: ['threadleaks-spark', suspected ? 'is-suspected' : ''],
      width: width,
      height: height,
      viewBox: '0 0 ' + width + ' ' + height,
      role: 'img',
      'aria-label': 'history: ' + values.join(' ')
    }, [h('title', null, 'history: ' + values.join(' ')), h('polyline', {points: points})]);
  }

  function frameList(frames, limit) {
    const shown = frames.slice(0, limit);
    const items = shown.map((frame) => h('li', null, frame));
    if (frames.length > shown.length) {
      items.push(h('li', {class: 'threadleaks-more'}, '... ' + (frames.length - shown.length) + ' more frames'));
    }
    return h('ol', {class: 'threadleaks-frames'}, items);
  }

  function field(label, value, className) {
    return [h('dt', null, label), h('dd', {class: className}, value)];
  }

  function suspectCard(group) {
    const site = group.creationSites && group.creationSites.length > 0 ? group.creationSites[0] : null;
    const details = [].concat(
      field('State', group.state, 'threadleaks-state'),
      field('Threads', String(group.count), 'threadleaks-count'),
      field('Growth', '+' + group.growth, 'threadleaks-growth'),
      field('Stuck for', duration(group.stuckForMillis), 'threadleaks-stuck'),
      field('History', sparkline(group.history, true), 'threadleaks-history'),
      field('Blocked at', group.blockedAt, 'threadleaks-blocked-at'),
      field('Why', group.explanation, 'threadleaks-explanation'),
      site ? field('Created by', h('div', null, [h('code', null, site.site), frameList(site.frames.slice(1), 50)]),
        'threadleaks-created-by') : []
    );
    return h('section', {class: 'threadleaks-suspect', 'data-group': group.id, 'data-name': group.name}, [
      h('h2', null, [h('span', {class: 'threadleaks-badge is-suspected'}, 'SUSPECTED'), ' ', group.name,
        h('small', null, ' group ' + group.id)]),
      h('dl', null, details),
      h('details', {open: true}, [h('summary', null, 'Frames (' + group.frames.length + ')'),
        frameList(group.frames, group.frames.length)])
    ]);
  }

  function groupRow(group) {
    return h('tr', {class: 'threadleaks-group', 'data-group': group.id, 'data-name': group.name}, [
      h('td', null, group.name),
      h('td', null, group.state),
      h('td', {class: 'threadleaks-count'}, String(group.count)),
      h('td', null, sparkline(group.history, false)),
      h('td', null, duration(group.stuckForMillis)),
      h('td', null, h('details', null, [h('summary', null, group.frames[0] || '(no frames)'),
        frameList(group.frames, FRAMES_OF_OTHERS)]))
    ]);
  }

  const threadLeaksView = {
    props: {
      instance: {type: Object, required: true}
    },
    data() {
      return {report: null, error: null, timer: null};
    },
    created() {
      this.load();
      this.timer = setInterval(() => this.load(), REFRESH_MILLIS);
    },
    beforeUnmount() {
      clearInterval(this.timer);
    },
    methods: {
      async load() {
        try {
          const response = await this.instance.axios.get('actuator/threadleaks',
            {headers: {Accept: 'application/json'}});
          this.report = response.data;
          this.error = null;
        } catch (error) {
          this.error = 'Could not read actuator/threadleaks: ' + error.message;
        }
      }
    },
    render() {
      const children = [];
      if (this.error) {
        children.push(h('p', {class: 'threadleaks-error'}, this.error));
      }
      const report = this.report;
      if (report === null) {
        children.push(h('p', {class: 'threadleaks-loading'}, 'Reading the report...'));
        return h('div', {class: 'threadleaks'}, children);
      }
      const suspected = report.status === 'LEAK_SUSPECTED';
      children.push(h('header', {class: 'threadleaks-status', 'data-status': report.status}, [
        h('span', {class: ['threadleaks-badge', suspected ? 'is-suspected' : 'is-ok']}, report.status),
        ' ' + report.suspects.length + ' of ' + report.groups.length + ' stack groups suspected; ' +
        report.threads + ' threads, ' + report.samples + ' samples' +
        (report.takenAt ? ', the latest at ' + report.takenAt : '')
      ]));
      if (report.lastError) {
        children.push(h('p', {class: 'threadleaks-error'}, 'The latest sample failed: ' + report.lastError.message));
      }
      report.suspects.forEach((group) => children.push(suspectCard(group)));
      const others = report.groups.filter((group) => !group.suspected);
      children.push(h('h2', null, 'Other stack groups (' + others.length + ')'));
      children.push(h('table', {class: 'threadleaks-groups'}, [
        h('thead', null, h('tr', null, ['Name', 'State', 'Threads', 'History', 'Stuck for', 'Top frame']
          .map((title) => h('th', null, title)))),
        h('tbody', null, others.map(groupRow))
      ]));
      return h('div', {class: 'threadleaks'}, children);
    }
  };

  SBA.use({
    install({viewRegistry}) {
      viewRegistry.addView({
        name: 'instances/threadleaks',
        parent: 'instances',
        path: 'threadleaks',
        label: 'Thread leaks',
        group: 'insights',
        order: 1000,
        component: threadLeaksView,
        isEnabled: ({instance}) => instance.hasEndpoint('threadleaks')
      });
    }
  });
})();
