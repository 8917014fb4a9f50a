// The demo page: buttons that call the sample app, and a view of the public actuator endpoints.
// Every URL is relative, so that the page also works under a servlet context path.
'use strict';

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
  children.forEach((child) => node.append(child));
  return node;
}

function say(text) {
  document.getElementById('message').textContent = text;
}

async function call(method, url) {
  const response = await fetch(url, { method });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.detail || body.message || response.statusText);
  }
  return body;
}

function formatMillis(millis) {
  const seconds = Math.floor(millis / 1000);
  if (seconds < 60) return seconds + 's';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + 'm' + (seconds % 60) + 's';
  return Math.floor(minutes / 60) + 'h' + (minutes % 60) + 'm';
}

function sparkline(history) {
  const width = 120, height = 28;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const max = Math.max(1, ...history);
  const step = history.length > 1 ? width / (history.length - 1) : 0;
  const points = history.map((count, i) => `${(i * step).toFixed(1)},${(height - 2 - (count / max) * (height - 4)).toFixed(1)}`);
  const line = document.createElementNS(svgNs, 'polyline');
  line.setAttribute('points', points.join(' '));
  const title = document.createElementNS(svgNs, 'title');
  title.textContent = 'threads at each sample: ' + history.join(', ');
  svg.append(title, line);
  return svg;
}

// Where the group's threads wait, as the report says it: the JDK call, then the application frame that made it.
function where(group) {
  return group.blockedAt ? group.blockedAt.split(' from ') : ['(no Java frames)'];
}

function renderGroups(report) {
  const body = document.getElementById('groups');
  body.replaceChildren(...report.groups.map((group) => {
    const frames = element('td', { class: 'frames' }, ...where(group).map((frame) => element('div', {}, frame)));
    if (group.suspected) {
      frames.append(element('div', { class: 'why' }, group.explanation));
    }
    const row = element('tr', { class: group.suspected ? 'suspect' : '', 'data-group': group.id, 'data-name': group.name },
      element('td', {}, element('a', { href: 'actuator/threadleaks/' + group.id }, group.name)),
      element('td', {}, group.state),
      element('td', { class: 'count' }, String(group.count)),
      element('td', {}, sparkline(group.history)),
      element('td', {}, formatMillis(group.stuckForMillis)),
      frames);
    return row;
  }));
  document.getElementById('summary').textContent =
    `${report.threads} live threads, ${report.suspects.length} suspected, sample ${report.samples}`;
  const status = document.getElementById('status');
  status.dataset.status = report.status;
  status.textContent = 'status: ' + report.status;
}

async function refresh() {
  try {
    renderGroups(await call('GET', 'actuator/threadleaks'));
  } catch (error) {
    say('Cannot read /actuator/threadleaks: ' + error.message);
  }
  // A DOWN health answers 503 with a body, so read it whatever the status.
  const health = await fetch('actuator/health').then((response) => response.json()).catch(() => ({ status: 'UNKNOWN' }));
  const badge = document.getElementById('health');
  badge.dataset.status = health.status;
  badge.textContent = 'health: ' + health.status;
}

// Refreshes every second, the next one only once the last has ended, so that a slow server never piles them up.
async function keepRefreshing() {
  await refresh();
  setTimeout(keepRefreshing, 1000);
}

function button(attributes, label, detail, onClick) {
  const node = element('button', { type: 'button', ...attributes }, label, element('span', { class: 'count' }, detail));
  node.addEventListener('click', onClick);
  return node;
}

function leakRow(pattern) {
  const leak = button({ id: 'leak-' + pattern.id, class: 'leak', title: pattern.description },
    pattern.id, pattern.leaked + ' leaked',
    () => act(() => call('POST', `leaks/${pattern.id}`),
      `Leaked ${pattern.threadsPerRequest} more thread(s): ${pattern.description}`));
  const release = button({ id: 'release-' + pattern.id, class: 'release-one', title: 'Release ' + pattern.id }, '✕', '',
    () => act(() => call('DELETE', `leaks/${pattern.id}`), `Released ${pattern.id}.`));
  return element('div', { class: 'row' }, leak, release);
}

function workloadButton(workload) {
  return button({ id: 'workload-' + workload.id, title: workload.description }, workload.id, workload.threads + ' threads',
    () => act(() => call('POST', `workloads/${workload.id}`), workload.description));
}

async function renderControls() {
  const leaks = await call('GET', 'leaks');
  document.getElementById('leaks').replaceChildren(...leaks.map(leakRow));
  const workloads = await call('GET', 'workloads');
  document.getElementById('workloads').replaceChildren(...workloads.map(workloadButton));
}

async function act(request, done) {
  try {
    await request();
    say(done);
  } catch (error) {
    say(error.message);
  }
  await renderControls().catch((error) => say(error.message));
  await refresh();
}

document.getElementById('release-all').addEventListener('click',
  () => act(() => call('DELETE', 'leaks'), 'Released every leaked thread.'));
document.getElementById('stop-workloads').addEventListener('click',
  () => act(() => call('DELETE', 'workloads'), 'Stopped every workload.'));

renderControls().catch((error) => say(error.message));
keepRefreshing();
