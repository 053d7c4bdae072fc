// The operator console: overview, journey search and record view, dead letters and quarantine.
// Pages are built with dom.js (text only, never markup); what an operator may do is decided by the
// server, the buttons only reflect the roles /api/v1/ops/me reports.
import { el, table, replace } from './dom.js';
import { api } from './api.js';

const page = document.getElementById('page');
const errorBox = document.getElementById('error');
let me = { name: '', roles: [], force: null };

const can = role => me.roles.includes(role);
const time = value => value ? new Date(value).toISOString().replace('.000Z', 'Z') : '';
const state = text => el('span', { class: 'state-' + text }, text ?? 'n/a');

function showError(error) {
  errorBox.textContent = error && error.message ? error.message : String(error);
}

async function overview() {
  const data = await api.get('/api/v1/ops/overview');
  replace(page,
    el('section', { id: 'alerts' }, el('h2', {}, 'Alerts'),
      table('alerts-table', ['Rule', 'Subject', 'Since', 'Detail'],
        data.alerts.map(a => [el('span', { class: 'alert' }, a.rule), a.subject, time(a.raisedAt), a.detail]),
        'No active alerts')),
    el('section', {}, el('h2', {}, 'Routes'),
      table('routes-table', ['Route', 'State', 'Description'],
        data.routes.map(r => [r.id, state(r.status), r.description ?? '']), 'No routes')),
    el('section', {}, el('h2', {}, 'Inbound, last hour'),
      table('inbound-table', ['Force', 'System', 'Records'],
        data.inbound.map(i => [i.force, i.system, String(i.lastHour)]), 'Nothing received in the last hour')),
    el('section', {}, el('h2', {}, 'Silent feeds'),
      table('silent-table', ['Force', 'System', 'Cadence', 'Last received'],
        data.silentFeeds.map(s => [s.force, s.system, s.cadence, time(s.lastReceivedAt) || 'never']),
        'No feed is silent past its cadence')),
    el('section', {}, el('h2', {}, 'Recipients'),
      table('recipients-table', ['Recipient', 'Backlog', 'Dead letters', 'Circuit'],
        data.recipients.map(r => [r.recipient, String(r.backlog ?? 'n/a'), String(r.deadLetters ?? 'n/a'),
          state(r.breaker ?? 'n/a')]), 'No recipients')));
}

async function search(params) {
  const keyInput = el('input', { id: 'search-key', name: 'key', placeholder: 'custody number, PNC ID, crime reference',
    size: 40, value: params.get('key') ?? '' });
  const results = el('div', { id: 'search-results' });
  const form = el('form', { class: 'inline', id: 'search-form', onsubmit: event => {
    event.preventDefault();
    window.location.hash = '#search?key=' + encodeURIComponent(keyInput.value.trim());
  } }, el('label', { for: 'search-key' }, 'Business key'), keyInput, el('button', { type: 'submit', id: 'search-go' }, 'Search'));
  replace(page, el('section', {}, el('h2', {}, 'Find a record'), form), results);
  const key = params.get('key');
  if (!key) return;
  const found = await api.get('/api/v1/messages?key=' + encodeURIComponent(key));
  replace(results, el('section', {}, el('h2', {}, 'Records'),
    table('search-table', ['Message', 'Force', 'System', 'Type', 'Status', 'Received'],
      found.items.map(hit => [el('a', { href: '#record/' + encodeURIComponent(hit.messageId), class: 'record-link' },
        hit.messageId), hit.force, hit.system, hit.recordType, state(hit.status), time(hit.receivedAt)]),
      'No record carries that key')));
}

function flatten(value, path, rows) {
  if (value !== null && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) {
      flatten(child, Array.isArray(value) ? `${path}[${name}]` : (path ? path + '.' + name : name), rows);
    }
  } else {
    rows.push([path, value === null ? '' : String(value)]);
  }
  return rows;
}

async function record(messageId) {
  const journey = await api.get('/api/v1/messages/' + encodeURIComponent(messageId));
  const exceptions = Array.isArray(journey.exceptions) ? journey.exceptions : [];
  const lineage = Array.isArray(journey.lineage) ? journey.lineage : [];
  const payload = el('div', { id: 'payload' },
    el('p', { class: 'masked', id: 'masked-note' }, 'Personal data is hidden. Give a reason to view this record; the view is logged.'));
  if (can('OPERATOR')) {
    const reason = el('input', { id: 'view-reason', size: 50, placeholder: 'reason, e.g. incident 4471 check' });
    payload.append(el('form', { class: 'inline', id: 'view-form', onsubmit: async event => {
      event.preventDefault();
      const body = await api.get('/api/v1/messages/' + encodeURIComponent(messageId) + '/payload?reason='
        + encodeURIComponent(reason.value));
      replace(payload, el('h3', {}, 'Canonical record'),
        table('canonical-table', ['Field', 'Value'], flatten(body.canonical ?? {}, '', []), 'No canonical record'));
    } }, el('label', { for: 'view-reason' }, 'Reason'), reason, el('button', { type: 'submit', id: 'view-go' }, 'Show personal data')));
  }
  replace(page,
    el('section', { id: 'record-summary' }, el('h2', {}, 'Record ' + journey.messageId),
      table('summary-table', ['Force', 'System', 'Type', 'Source record', 'Status', 'Received'],
        [[journey.force, journey.system, journey.recordType, journey.sourceRecordId ?? '', state(journey.status),
          time(journey.receivedAt)]], '')),
    el('section', {}, el('h2', {}, 'Deliveries'),
      table('deliveries-table', ['Recipient', 'Status', 'At', 'Reason'],
        (journey.deliveries ?? []).map(d => [d.recipient, state(d.status), time(d.at), d.reason ?? '']), 'No deliveries')),
    el('section', {}, el('h2', {}, 'Journey'),
      table('timeline-table', ['At', 'Step', 'By', 'Recipient', 'Detail'],
        (journey.events ?? []).map(e => [time(e.at), e.type, e.actor ?? '', e.recipient ?? '', e.detail ?? '']), 'No events')),
    el('section', {}, el('h2', {}, 'Exceptions'),
      table('exceptions-table', ['Code', 'Field', 'Message'],
        exceptions.map(x => [x.code ?? '', x.field ?? x.path ?? '', x.message ?? '']), 'No exceptions')),
    el('section', {}, el('h2', {}, 'Lineage'),
      el('details', { id: 'lineage' }, el('summary', { id: 'lineage-open' }, 'Source field and rule of each canonical field'),
        table('lineage-table', ['Canonical field', 'Source', 'Rule', 'Mapping'],
          lineage.map(l => [l.field ?? '', Array.isArray(l.source) ? l.source.join(', ') : (l.source ?? ''),
            l.rule ?? '', typeof l.mapping === 'object' && l.mapping ? `${l.mapping.id} ${l.mapping.version}` : (l.mapping ?? '')]),
          'No lineage recorded for this record'))),
    el('section', {}, el('h2', {}, 'Personal data'), payload));
}

async function deadLetters(params) {
  const overviewData = await api.get('/api/v1/ops/overview');
  const recipients = overviewData.recipients.map(r => r.recipient);
  const chosen = params.get('recipient') ?? recipients[0];
  const picker = el('select', { id: 'dl-recipient', onchange: event => {
    window.location.hash = '#dead-letters?recipient=' + encodeURIComponent(event.target.value);
  } }, recipients.map(r => el('option', { value: r, selected: r === chosen }, r)));
  const letters = chosen && can('OPERATOR') ? await api.get('/api/v1/ops/dead-letters?recipient=' + encodeURIComponent(chosen))
    : { items: [] };
  const plan = el('div', { id: 'replay-plan' });
  const reason = el('input', { id: 'replay-reason', size: 40, placeholder: 'reason for the replay' });
  const limit = el('input', { id: 'replay-limit', type: 'number', min: 1, value: 100, size: 6 });
  const actions = can('OPERATOR') && chosen ? el('form', { class: 'inline', id: 'dry-run-form', onsubmit: async event => {
    event.preventDefault();
    const planned = await api.post('/api/v1/replays', { source: 'dead-letters', recipient: chosen,
      limit: Number(limit.value), reason: reason.value });
    showJob(plan, planned.job, planned.items);
  } }, el('label', { for: 'replay-reason' }, 'Reason'), reason, el('label', { for: 'replay-limit' }, 'Limit'), limit,
    el('button', { type: 'submit', id: 'dry-run' }, 'Dry run')) : null;
  const quarantine = await api.get('/api/v1/quarantine');
  replace(page,
    el('section', {}, el('h2', {}, 'Dead letters'), el('p', {}, el('label', { for: 'dl-recipient' }, 'Recipient '), picker),
      table('dead-letters-table', ['Message', 'Force', 'System', 'Type', 'Cause'],
        deadLetterRows(letters.items),
        can('OPERATOR') ? 'No dead letters' : 'Dead letters are shown to operators'),
      actions, plan),
    el('section', {}, el('h2', {}, 'Quarantine'),
      table('quarantine-table', ['Message', 'Force', 'System', 'Status', 'Reason', 'Received'],
        (quarantine.items ?? []).map(q => [q.messageId, q.force, q.system, q.status ?? '', q.reason ?? q.code ?? '',
          time(q.receivedAt)]), 'Nothing in quarantine')));
}

function deadLetterRows(items) {
  return items.map(d => [el('a', { href: '#record/' + encodeURIComponent(d.messageId) }, d.messageId), d.force,
    d.system ?? '', d.recordType ?? '', d.cause ?? '']);
}

async function refreshDeadLetters(recipient) {
  const current = document.getElementById('dead-letters-table');
  if (!current || !recipient) return;
  const letters = await api.get('/api/v1/ops/dead-letters?recipient=' + encodeURIComponent(recipient));
  current.replaceWith(table('dead-letters-table', ['Message', 'Force', 'System', 'Type', 'Cause'],
    deadLetterRows(letters.items), 'No dead letters'));
}

function showJob(target, job, items) {
  const c = job.counts;
  const buttons = [];
  if (job.status === 'AWAITING_APPROVAL' && can('ADMIN') && job.requestedBy !== me.name) {
    buttons.push(el('button', { id: 'approve', onclick: async () => {
      const approved = await api.post('/api/v1/replays/' + job.id + '/approve');
      showJob(target, approved, items);
    } }, 'Approve'));
  }
  if (job.status === 'PLANNED' || job.status === 'APPROVED') {
    buttons.push(el('button', { id: 'replay', onclick: async () => {
      const started = await api.post('/api/v1/replays/' + job.id + '/start');
      showJob(target, started, items);
      pollJob(target, job.id, items);
    } }, 'Replay'));
  }
  replace(target, el('h3', {}, 'Replay ' + job.id),
    el('p', { id: 'job-status' }, `Status ${job.status}: ${c.toSend} to send, ${c.toSkip} to skip, ${c.errors} errors;`
      + ` sent ${c.sent}, failed ${c.failed}` + (job.approvalRequired ? '; needs a second operator\'s approval' : '')
      + (job.truncated ? '; more records than the limit' : '')),
    table('plan-table', ['#', 'Message', 'Recipient', 'Action', 'Detail'],
      (items ?? []).map(i => [String(i.seq), i.messageId, i.recipient, i.action, i.detail ?? '']), 'Nothing to replay'),
    buttons);
}

async function pollJob(target, jobId, items) {
  for (let i = 0; i < 30; i++) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    const job = await api.get('/api/v1/replays/' + jobId);
    showJob(target, job, items);
    if (['COMPLETED', 'CANCELLED', 'INTERRUPTED'].includes(job.status)) {
      await refreshDeadLetters(job.recipient);
      return;
    }
  }
}

async function route() {
  errorBox.textContent = '';
  page.dataset.loaded = '';
  const [name, query] = (window.location.hash.substring(1) || 'overview').split('?');
  const params = new URLSearchParams(query ?? '');
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.getAttribute('href') === '#' + name.split('/')[0]);
  }
  try {
    if (name.startsWith('record/')) await record(decodeURIComponent(name.substring('record/'.length)));
    else if (name === 'search') await search(params);
    else if (name === 'dead-letters') await deadLetters(params);
    else await overview();
    page.dataset.loaded = name.split('/')[0];
  } catch (error) {
    showError(error);
  }
}

async function start() {
  me = await api.get('/api/v1/ops/me');
  document.getElementById('who').textContent = `${me.name} (${me.roles.filter(r => r !== 'FORCE').join(', ').toLowerCase()}`
    + (me.force ? `, ${me.force} only)` : ')');
  document.getElementById('logout-csrf').value = api.csrfToken();
  window.addEventListener('hashchange', route);
  await route();
}

start().catch(showError);
