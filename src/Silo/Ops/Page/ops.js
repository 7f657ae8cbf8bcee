// Switchboard operations page. Plain JavaScript; its only library, uPlot (charts.js), is served with the page.
// The API key lives in sessionStorage only (gone when the tab closes) and goes out as a Bearer header to this
// origin; it is never put in a URL, a cookie or the DOM. Every value from the server is written with textContent:
// caller and callee come from SIP headers that anyone on the internet can set.
'use strict';

const KEY_STORAGE = 'switchboard.ops.key';
const REFRESH_MS = 2000;
// A hang-up needs a second click on the same button within this time; the table is redrawn every refresh, so the
// armed call is remembered here rather than on the button.
const ARM_MS = 5000;

// Where each panel reads from. Lists accept a bare array or the admin API's page shape { items, next }.
// /ops/api answers across tenants in one request; the rest is the admin API itself.
const ROUTES = {
  overview: '/ops/api/overview',
  calls: '/ops/api/calls',
  charts: '/ops/api/charts',
  hangUp: (callId) => `/api/v1/calls/${encodeURIComponent(callId)}/hangup`,
  accounts: '/api/v1/accounts?limit=50',
  cdrs: '/api/v1/cdrs?limit=20',
  fraud: '/api/v1/fraud-alerts?limit=20',
  dashboardSession: '/ops/api/dashboard-session',
};

let timer = null;
let generation = 0;
let armed = { callId: null, until: 0 };
let chartsDueAt = 0;

const $ = (selector) => document.querySelector(selector);

function storedKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

function setStatus(text, kind) {
  const status = $('#status');
  status.textContent = text;
  status.className = kind || '';
}

class HttpError extends Error {
  constructor(status, url) {
    super(`${url}: HTTP ${status}`);
    this.status = status;
  }
}

async function api(url, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${storedKey()}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!response.ok) {
    throw new HttpError(response.status, url);
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

function asList(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.items)) return body.items;
  return [];
}

function time(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function money(value) {
  return typeof value === 'number' ? value.toFixed(4) : (value ?? '');
}

// columns: [text(row) | { text, className, node(row) }]
function fillTable(section, rows, columns) {
  const tbody = section.querySelector('tbody');
  const fragment = document.createDocumentFragment();
  for (const row of rows) {
    const tr = document.createElement('tr');
    for (const column of columns) {
      const td = document.createElement('td');
      const spec = typeof column === 'function' ? { text: column } : column;
      if (spec.className) td.className = typeof spec.className === 'function' ? spec.className(row) : spec.className;
      if (spec.node) td.appendChild(spec.node(row));
      else td.textContent = String(spec.text(row) ?? '');
      tr.appendChild(td);
    }
    fragment.appendChild(tr);
  }
  tbody.replaceChildren(fragment);
  const empty = section.querySelector('.empty');
  if (empty) empty.hidden = rows.length > 0;
}

function showUnavailable(section, error) {
  const empty = section.querySelector('.empty');
  section.querySelector('tbody').replaceChildren();
  if (empty) {
    empty.hidden = false;
    empty.textContent = error.status === 403 ? 'Not allowed for this key.' : `Unavailable (${error.message}).`;
  }
}

function renderOverview(o) {
  $('#silo-count').textContent = String(o.silos.length);
  $('#edge-count').textContent = String(o.coHostedEdges + o.standaloneEdges);
  $('#edge-detail').textContent = `${o.coHostedEdges} co-hosted, ${o.standaloneEdges} standalone`;
  $('#active-calls').textContent = String(o.activeCalls);
  $('#calls-per-second').textContent = Number(o.callsPerSecond).toFixed(2);
  fillTable($('#overview'), o.silos, [
    (s) => s.name, (s) => s.host, (s) => s.address, (s) => s.status, (s) => time(s.startedAt),
    { text: (s) => s.activations, className: 'num' },
  ]);
}

function isArmed(callId) {
  return armed.callId === callId && Date.now() < armed.until;
}

function hangUpButton(call) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.callId = call.callId;
  const show = () => {
    const on = isArmed(call.callId);
    button.className = on ? 'danger armed' : 'danger';
    button.textContent = on ? 'Confirm hang-up' : 'Hang up';
  };
  show();
  button.addEventListener('click', async () => {
    if (!isArmed(call.callId)) {
      armed = { callId: call.callId, until: Date.now() + ARM_MS };
      show();
      setStatus(`Click again within ${ARM_MS / 1000} s to hang up ${call.callId}.`, 'live');
      return;
    }

    armed = { callId: null, until: 0 };
    button.disabled = true;
    try {
      await api(ROUTES.hangUp(call.callId), { method: 'POST', body: { reason: 'hung up from the operations page' } });
      setStatus(`Hung up ${call.callId}.`, 'live');
    } catch (error) {
      setStatus(error.status === 409 ? `${call.callId} had already ended.` : `Hang-up failed: ${error.message}`, 'error');
      button.disabled = false;
      show();
    }
  });
  return button;
}

// The silo samples every periodSeconds: ask again only when a new sample can be there.
async function refreshCharts() {
  if (Date.now() < chartsDueAt) return;
  const section = $('#charts');
  // No second request while one is in flight (a slow answer must not pile them up).
  chartsDueAt = Number.POSITIVE_INFINITY;
  try {
    const data = await api(ROUTES.charts);
    chartsDueAt = Date.now() + data.periodSeconds * 1000;
    OpsCharts.render(data);
    $('#charts-detail').textContent =
      `${data.times.length} samples, one every ${data.periodSeconds} s; latency as measured on silo ${data.silo}.`;
  } catch (error) {
    chartsDueAt = Date.now() + REFRESH_MS;
    section.querySelector('#charts-detail').textContent =
      error.status === 403 ? 'Not allowed for this key.' : `Unavailable (${error.message}).`;
  }
}

const PANELS = [
  ['#calls', ROUTES.calls, [
    { text: (c) => c.callId, className: 'id' }, (c) => c.tenantId, (c) => c.state, (c) => c.direction, (c) => c.caller, (c) => c.callee,
    (c) => time(c.startedAt), (c) => time(c.answeredAt), { node: hangUpButton },
  ]],
  ['#accounts', ROUTES.accounts, [
    (a) => a.accountId, (a) => a.tenantId, { text: (a) => a.status, className: (a) => `status-${a.status}` },
    { text: (a) => money(a.balance), className: 'num' }, { text: (a) => money(a.reserved), className: 'num' },
    { text: (a) => money(a.creditLimit), className: 'num' }, { text: (a) => a.activeCalls, className: 'num' },
  ]],
  ['#cdrs', ROUTES.cdrs, [
    { text: (r) => r.callId, className: 'id' }, (r) => r.accountId, (r) => r.disposition, (r) => r.caller, (r) => r.callee, (r) => time(r.startedAt),
    { text: (r) => r.billedSeconds, className: 'num' }, { text: (r) => money(r.cost), className: 'num' },
  ]],
  ['#fraud', ROUTES.fraud, [
    (f) => time(f.raisedAt), (f) => f.accountId, (f) => f.tenantId, (f) => f.rule, (f) => f.reason, (f) => f.destination,
    (f) => (f.lockedAccount ? 'yes' : ''),
  ]],
];

async function refresh(current) {
  try {
    renderOverview(await api(ROUTES.overview));
  } catch (error) {
    if (error.status === 401) {
      forget('The key was refused (unknown or revoked).');
      return;
    }
    if (error.status !== 403) throw error;
    $('#silo-count').textContent = '–';
  }

  await Promise.all([refreshCharts(), ...PANELS.map(async ([selector, url, columns]) => {
    const section = $(selector);
    try {
      fillTable(section, asList(await api(url)), columns);
    } catch (error) {
      showUnavailable(section, error);
    }
  })]);
  if (current === generation) {
    setStatus(`Live · updated ${new Date().toLocaleTimeString()}`, 'live');
  }
}

function schedule(current) {
  timer = window.setTimeout(async () => {
    if (current !== generation) return;
    try {
      await refresh(current);
    } catch (error) {
      setStatus(`Refresh failed: ${error.message}`, 'error');
    }
    if (current === generation && storedKey()) schedule(current);
  }, REFRESH_MS);
}

async function connect() {
  generation += 1;
  chartsDueAt = 0;
  const current = generation;
  window.clearTimeout(timer);
  setStatus('Connecting…');
  $('#content').hidden = false;
  $('#forget').hidden = false;
  try {
    await refresh(current);
  } catch (error) {
    setStatus(`Refresh failed: ${error.message}`, 'error');
  }
  if (current === generation && storedKey()) schedule(current);
}

function forget(message) {
  generation += 1;
  window.clearTimeout(timer);
  sessionStorage.removeItem(KEY_STORAGE);
  $('#content').hidden = true;
  $('#forget').hidden = true;
  setStatus(message || 'Key forgotten. Enter an API key to connect.', message ? 'error' : '');
}

document.addEventListener('DOMContentLoaded', () => {
  $('#key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('#key');
    const key = input.value.trim();
    input.value = '';
    if (!key) return;
    sessionStorage.setItem(KEY_STORAGE, key);
    connect();
  });
  $('#forget').addEventListener('click', () => forget());
  // The dashboard's own scripts send no key: trade the key for a cookie scoped to /dashboard (operators only).
  $('#dashboard-link').addEventListener('click', async (event) => {
    event.preventDefault();
    try {
      await api(ROUTES.dashboardSession, { method: 'POST' });
      window.open('/dashboard/', '_blank', 'noopener');
    } catch (error) {
      setStatus(error.status === 403 ? 'The Orleans dashboard needs an operator key.' : `Dashboard: ${error.message}`, 'error');
    }
  });
  if (storedKey()) connect();
});
