// The live dashboard: loads the summary and the aliases, then follows the event stream (and asks for the aliases
// again as events arrive, and every minute). Every URL is relative to the page (/dashboard/), so the page works wherever it is
// mounted and with the session that loaded it.
'use strict';

(function () {
  const MAX_EVENTS_SHOWN = 200;
  const RETRY_AFTER_CLOSE_MS = 10000;
  const ALIASES = '../aliases?size=100'; // the first page of the inventory, soonest expiry first
  const ALIASES_AT_MOST_EVERY_MS = 2000;
  // days left and tiers change without a renewal event (the stream carries renewal events only): the aliases are
  // asked for again this often as well; ?aliasesRefreshSeconds=N on the page's address changes it
  const ALIASES_REFRESH_MS = 1000 * (Number(new URLSearchParams(window.location.search).get('aliasesRefreshSeconds'))
    || 60);
  const EXPIRING_DAYS = 30;
  const playbooks = new Map(); // playbook -> its name on the page, from the catalogue (GET /playbooks)

  const open = new Map();     // renewal id -> status (RenewalStatus JSON)
  const shown = new Set();    // ids of the events in the list
  let clockOffsetMs = 0;      // the service's clock minus the browser's
  let source = null;
  let aliasesAsked = 0;        // the number of the latest request for the aliases: only its answer is shown
  let aliasesAskedAt = 0;
  let aliasesTimer = null;

  const $ = (selector) => document.querySelector(selector);

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    });
    children.forEach((child) => node.append(child instanceof Node ? child : String(child ?? '')));
    return node;
  }

  function words(name) {
    return name ? name.toLowerCase().replace(/_/g, ' ') : '';
  }

  function playbookName(playbook) {
    return playbooks.get(playbook) || words(playbook);
  }

  function serviceNow() {
    return Date.now() + clockOffsetMs;
  }

  function age(since) {
    if (!since) {
      return '';
    }
    let minutes = Math.max(0, Math.floor((serviceNow() - Date.parse(since)) / 60000));
    const days = Math.floor(minutes / 1440);
    minutes -= days * 1440;
    const hours = Math.floor(minutes / 60);
    minutes -= hours * 60;
    if (days > 0) {
      return days + ' d ' + hours + ' h';
    }
    return hours > 0 ? hours + ' h ' + minutes + ' min' : minutes + ' min';
  }

  function time(instant) {
    return instant ? new Date(instant).toLocaleString() : '';
  }

  function day(instant) {
    return instant ? new Date(instant).toLocaleDateString() : '';
  }

  function actorBadge(role, name) {
    return element('span', { class: 'actor ' + role, 'data-actor': role }, name ? role + ' ' + name : role);
  }

  // "tenant:zoe", "partner:acme", "keystore", "system": the role, then the name if any
  function eventActor(actor) {
    const colon = actor.indexOf(':');
    return colon < 0 ? actorBadge(actor) : actorBadge(actor.slice(0, colon), actor.slice(colon + 1));
  }

  function setStatus(text) {
    const status = $('#status');
    status.textContent = text;
    status.className = 'status ' + text.split(' ')[0];
  }

  // A status replaces the one shown only if it is at least as new (the stream may replay older events).
  function track(status) {
    const known = open.get(status.renewalId);
    if (known && (known.lastSequence ?? -1) > (status.lastSequence ?? -1)) {
      return;
    }
    if (status.state === 'OPEN') {
      open.set(status.renewalId, status);
    } else {
      open.delete(status.renewalId);
    }
  }

  function late(status) {
    return status.overdue || status.escalated || status.downtimeOverrun || Boolean(status.keystoreFailure)
      || Boolean(status.partnerRefusal);
  }

  function lateText(status) {
    return [status.escalated ? 'escalated' : status.overdue ? 'overdue' : '',
      status.downtimeOverrun ? 'downtime overrun' : '',
      status.keystoreFailure ? 'keystore failed ' + status.keystoreFailure : '',
      status.partnerRefusal ? status.partnerRefusal : ''].filter(Boolean).join(', ');
  }

  function renderFigures(renewals) {
    $('#open-count').textContent = renewals.length;
    $('#late-count').textContent = renewals.filter(late).length;
    const actors = new Map();
    renewals.forEach((status) => status.nextActors.forEach((actor) => actors.set(actor, (actors.get(actor) || 0) + 1)));
    $('#by-actor').replaceChildren(...[...actors.entries()].sort().map(([actor, count]) =>
      element('li', { 'data-actor': actor }, actorBadge(actor), ' ', element('span', { class: 'count' }, count))));
  }

  function renderByPlaybook(renewals) {
    const counts = new Map();
    renewals.forEach((status) => {
      const steps = counts.get(status.playbook) || new Map();
      status.awaiting.forEach((step) => steps.set(step, (steps.get(step) || 0) + 1));
      counts.set(status.playbook, steps);
    });
    const rows = [];
    [...counts.keys()].sort().forEach((playbook) => {
      [...counts.get(playbook).entries()].sort().forEach(([step, count]) => rows.push(
        element('tr', { 'data-playbook': playbook, 'data-step': step },
          element('td', { title: playbook }, playbookName(playbook)),
          element('td', { title: step }, words(step)),
          element('td', { class: 'count' }, count))));
    });
    $('#by-playbook tbody').replaceChildren(...rows);
    $('#by-playbook-empty').hidden = rows.length > 0;
  }

  function renderRenewals(renewals, updated) {
    const rows = renewals.map((status) => element('tr', {
        'data-renewal-id': status.renewalId,
        class: [status.escalated ? 'late escalated' : late(status) ? 'late' : '',
          updated === status.renewalId ? 'updated' : ''].join(' ').trim() || null
      },
      element('td', { class: 'alias' }, element('code', null, status.alias)),
      element('td', { class: 'partner' }, status.partnerId),
      element('td', { class: 'playbook', title: status.playbook }, playbookName(status.playbook)),
      element('td', { class: 'awaiting' }, status.awaiting.map(words).join(', ')),
      element('td', { class: 'next-actors' }, ...status.nextActors.map((actor) => actorBadge(actor))),
      element('td', { class: 'waiting-since', title: time(status.waitingSince) },
        status.waitingSince ? age(status.waitingSince) + ' (since ' + time(status.waitingSince) + ')' : ''),
      element('td', { class: 'late-flag' }, lateText(status))));
    $('#renewals tbody').replaceChildren(...rows);
  }

  function render(updated) {
    const renewals = [...open.values()].sort((a, b) =>
      String(a.waitingSince || '').localeCompare(String(b.waitingSince || '')));
    renderFigures(renewals);
    renderByPlaybook(renewals);
    renderRenewals(renewals, updated);
  }

  function showEvent(event, fresh) {
    if (shown.has(event.id)) {
      return false;
    }
    shown.add(event.id);
    const renewal = event.renewal || {};
    const item = element('li', {
        'data-event-id': event.id, 'data-renewal-id': event.renewalId, 'data-type': event.type,
        class: fresh ? 'new' : null
      },
      element('div', null, element('span', { class: 'type' }, event.type), ' ',
        event.actor ? eventActor(event.actor) : ''),
      element('div', { class: 'meta' }, [renewal.alias, renewal.partnerId, event.step && words(event.step)]
        .filter(Boolean).join(' · ')),
      element('div', { class: 'meta' }, time(event.at)));
    const list = $('#events');
    list.prepend(item);
    while (list.children.length > MAX_EVENTS_SHOWN) {
      shown.delete(list.lastElementChild.getAttribute('data-event-id'));
      list.lastElementChild.remove();
    }
    return true;
  }

  function receive(event) {
    if (event.at) {
      clockOffsetMs = Math.max(clockOffsetMs, Date.parse(event.at) - Date.now());
    }
    if (!showEvent(event, true)) {
      return;
    }
    if (event.renewal) {
      track(event.renewal);
    }
    render(event.renewalId);
  }

  function start(summary) {
    open.clear();
    shown.clear();
    $('#events').replaceChildren();
    clockOffsetMs = Date.parse(summary.generatedAt) - Date.now();
    summary.renewals.forEach(track);
    summary.recentEvents.forEach((event) => showEvent(event, false));
    render();
  }

  function daysLeftText(daysLeft) {
    if (daysLeft === null || daysLeft === undefined) {
      return '';
    }
    return daysLeft < 0 ? 'expired ' + -daysLeft + ' d ago' : String(daysLeft);
  }

  function openRenewalCell(alias) {
    const renewal = alias.openRenewal;
    if (renewal) {
      return element('td', { class: 'open-renewal', 'data-renewal-id': renewal.renewalId },
        element('a', { href: '../renewals/' + encodeURIComponent(renewal.renewalId), title: renewal.renewalId },
          element('code', null, renewal.renewalId.slice(0, 8))),
        renewal.startedByPolicy ? ' ' : '', renewal.startedByPolicy ? element('span', { class: 'actor system' }, 'by policy') : '');
    }
    return element('td', { class: 'open-renewal planned', title: alias.policy || null },
      alias.renewalStartsAt ? 'planned ' + day(alias.renewalStartsAt) : '');
  }

  function renderAliases(aliases, total) {
    const rows = aliases.map((alias) => {
      const certificate = alias.certificate || {};
      const daysLeft = alias.daysLeft ?? null;
      const last = alias.lastRenewal;
      return element('tr', {
          'data-alias': alias.alias,
          class: daysLeft === null ? null : daysLeft < 0 ? 'expired' : daysLeft <= EXPIRING_DAYS ? 'expiring' : null
        },
        element('td', { class: 'alias' }, element('code', null, alias.alias)),
        element('td', { class: 'kind', title: alias.kind }, words(alias.kind)),
        element('td', { class: 'purpose', title: alias.purpose }, words(alias.purpose)),
        element('td', { class: 'partner' }, alias.partnerId),
        element('td', { class: 'not-after', title: certificate.notAfter || null }, day(certificate.notAfter)),
        element('td', { class: 'days-left count' }, daysLeftText(daysLeft)),
        element('td', { class: 'tier count' }, alias.tierReached ?? ''),
        openRenewalCell(alias),
        element('td', { class: 'last-renewal', title: last ? last.renewalId : null },
          last ? words(last.state) + ' ' + day(last.endedAt) : ''));
    });
    $('#aliases tbody').replaceChildren(...rows);
    $('#aliases-empty').hidden = rows.length > 0;
    $('#aliases-shown').textContent = total > rows.length ? rows.length + ' of ' + total : '';
  }

  function showAliasesFailure(text) {
    $('#aliases-failure').textContent = text;
    $('#aliases-failure').hidden = !text;
  }

  /** The inventory (GET /aliases): a service without it (404) shows none, any other failure says so. */
  async function loadAliases() {
    const asked = ++aliasesAsked;
    aliasesAskedAt = Date.now();
    try {
      const response = await fetch(ALIASES, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (asked !== aliasesAsked) {
        return;
      }
      if (response.status === 404) {
        renderAliases([], 0);
        showAliasesFailure('');
        return;
      }
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error('HTTP ' + response.status + (problem.detail ? ': ' + problem.detail : ''));
      }
      const aliases = await response.json();
      if (asked === aliasesAsked) {
        renderAliases(aliases, Number(response.headers.get('X-Total-Count') ?? aliases.length));
        showAliasesFailure('');
      }
    } catch (failure) {
      if (asked === aliasesAsked) {
        $('#aliases-empty').hidden = true;
        showAliasesFailure('The aliases could not be loaded (' + failure.message + ').');
      }
    }
  }

  // Events come in bursts (a renewal's steps, a mass start): the aliases are asked for at most every 2 s.
  function aliasesSoon() {
    if (aliasesTimer) {
      return;
    }
    aliasesTimer = setTimeout(() => {
      aliasesTimer = null;
      loadAliases();
    }, Math.max(0, aliasesAskedAt + ALIASES_AT_MOST_EVERY_MS - Date.now()));
  }

  function follow(lastEventId) {
    if (source) {
      source.close();
    }
    source = new EventSource(lastEventId ? 'stream?lastEventId=' + encodeURIComponent(lastEventId) : 'stream');
    source.onopen = () => setStatus('live');
    source.onmessage = (message) => {
      receive(JSON.parse(message.data));
      aliasesSoon();
    };
    // the events missed since lastEventId are no longer kept: start again from the summary
    source.addEventListener('reset', () => {
      refresh();
      aliasesSoon();
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setStatus('disconnected');
        setTimeout(refresh, RETRY_AFTER_CLOSE_MS);
      } else {
        setStatus('reconnecting');
      }
    };
  }

  /** The catalogue's playbooks, named by number and title; until it answers, a playbook is named by its id. */
  async function loadPlaybooks() {
    if (playbooks.size > 0) {
      return;
    }
    const response = await fetch('../playbooks', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    (await response.json()).playbooks.forEach((entry) => playbooks.set(entry.playbook, entry.number + ' · ' + entry.title));
  }

  async function refresh() {
    try {
      await loadPlaybooks();
      const response = await fetch('summary', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const summary = await response.json();
      start(summary);
      follow(summary.lastEventId);
    } catch (failure) {
      setStatus('disconnected');
      setTimeout(refresh, RETRY_AFTER_CLOSE_MS);
    }
  }

  setInterval(() => render(), 30000);
  loadAliases();
  setInterval(aliasesSoon, ALIASES_REFRESH_MS);
  refresh();
}());
