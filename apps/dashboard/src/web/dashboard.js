// The live dashboard: one authenticated event stream, every panel redrawn from each `dashboard` event. No framework, no build step.
(function () {
  'use strict';
  var lang = document.documentElement.lang || 'en';
  var rtl = document.documentElement.dir === 'rtl';
  var labels = window.HOMEWARD_I18N || {};
  var t = function (key) { return (labels[lang] && labels[lang][key]) || (labels.en && labels.en[key]) || key; };
  var number = new Intl.NumberFormat(lang);
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c instanceof Node ? c : document.createTextNode(String(c))); });
    return node;
  };
  var table = function (id, head, rows, numeric) {
    var cells = function (tag, values) {
      return el('tr', {}, values.map(function (v, i) { return el(tag, numeric && numeric[i] ? { class: 'num' } : {}, [v]); }));
    };
    $(id).replaceChildren(el('thead', {}, [cells('th', head)]), el('tbody', {}, rows.map(function (r) { return cells('td', r); })));
  };
  var duration = function (ms) {
    if (ms === null || ms === undefined) return '–';
    var s = Math.round(ms / 1000);
    if (s < 60) return number.format(s) + ' s';
    if (s < 3600) return number.format(Math.round(s / 60)) + ' min';
    if (s < 172800) return number.format(Math.round(s / 360) / 10) + ' h';
    return number.format(Math.round(s / 8640) / 10) + ' d';
  };

  document.querySelectorAll('[data-i18n]').forEach(function (node) { node.textContent = t(node.getAttribute('data-i18n')); });
  document.title = t('title');

  // A small bar chart as inline SVG; in a right-to-left page time runs from right to left.
  function barChart(container, points, height) {
    var ns = 'http://www.w3.org/2000/svg';
    var width = 320, pad = 14, max = Math.max.apply(null, points.map(function (p) { return p.value; }).concat([1]));
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + pad));
    svg.setAttribute('role', 'img');
    var step = (width - 4) / Math.max(points.length, 1);
    points.forEach(function (p, i) {
      var h = Math.round((p.value / max) * (height - 12));
      var x = rtl ? width - 2 - (i + 1) * step : 2 + i * step;
      var rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('class', 'bar-rect');
      rect.setAttribute('x', String(x + step * 0.1));
      rect.setAttribute('y', String(height - h));
      rect.setAttribute('width', String(Math.max(step * 0.8, 1)));
      rect.setAttribute('height', String(h));
      var title = document.createElementNS(ns, 'title');
      title.textContent = p.label + ': ' + number.format(p.value);
      rect.append(title);
      svg.append(rect);
      if (p.caption) {
        var text = document.createElementNS(ns, 'text');
        text.setAttribute('x', String(x + step / 2));
        text.setAttribute('y', String(height + pad - 2));
        text.setAttribute('text-anchor', 'middle');
        text.textContent = p.caption;
        svg.append(text);
      }
    });
    svg.setAttribute('aria-label', points.map(function (p) { return p.label + ' ' + number.format(p.value); }).join(', '));
    container.replaceChildren(svg);
  }

  function render(d) {
    var s = d.summary;
    $('total-cases').textContent = number.format(s.totals.cases);
    $('in-progress').textContent = number.format(s.totals.inProgress);
    $('on-hold').textContent = number.format(s.totals.onHold);
    $('handed-over').textContent = number.format(s.totals.handedOver);
    table('stages', [t('stage'), t('count')], s.byStage.filter(function (r) { return r.count !== 0; }).map(function (r) {
      return [t('stage.' + r.stage), number.format(r.count)];
    }), [false, true]);
    table('destinations', [t('destination'), t('total'), t('stage.handed-over')], s.byDestination.map(function (r) {
      return [r.destinationState, number.format(r.total), number.format(r.stages['handed-over'] || 0)];
    }), [false, true, true]);
    table('time-in-stage', [t('stage'), t('average'), t('left')], s.timeInStage.filter(function (r) { return r.exits > 0; }).map(function (r) {
      return [t('stage.' + r.stage), duration(r.averageMs), number.format(r.exits)];
    }), [false, true, true]);
    if (s.returns.length === 0) $('returns-chart').replaceChildren(el('p', { class: 'muted' }, [t('noReturns')]));
    else barChart($('returns-chart'), s.returns.map(function (r) {
      return { label: r.day, value: r.count, caption: new Date(r.day + 'T00:00:00Z').toLocaleDateString(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }) };
    }), 90);

    var rows = d.movements.ahead.concat(d.movements.recent).map(function (m) {
      var e = m.escort;
      var escort = el('span', { class: e.ok ? 'ok' : 'short' }, [number.format(e.escorts) + ' / ' + number.format(e.required) +
        (e.medicalNeeded ? ' · ' + (e.medicalOnBoard ? t('medical') : t('missingMedical')) : '')]);
      return [(m.flightNumber || '–') + (m.route ? ' ' + m.route : ''), m.departure ? new Date(m.departure).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : '–',
        t('movement.' + m.status), number.format(m.seatsTaken) + (m.seats ? ' / ' + number.format(m.seats) : ''), escort];
    });
    table('movements', [t('flight'), t('departure'), t('status'), t('seats'), t('escorts')], rows, [false, false, false, true, false]);

    var holds = d.holds;
    var categories = Object.keys(holds.byCategory).map(function (c) { return c + ' ' + number.format(holds.byCategory[c]); }).join(', ');
    var parts = [el('p', {}, [number.format(holds.total) + (categories ? ' · ' + categories : '')])];
    if (holds.holds) parts.push(el('ul', { class: 'holds-list' }, holds.holds.map(function (h) {
      return el('li', {}, [el('strong', {}, [h.category]), ' ', h.erased ? t('reasonErased') : h.reason, el('br'), el('small', { class: 'muted' }, [h.caseId + ' · ' + h.placedBy + ' · ' + new Date(h.placedAt).toLocaleString(lang)])]);
    })));
    else parts.push(el('p', { class: 'muted' }, [t('reasonsHidden')]));
    $('holds').replaceChildren.apply($('holds'), parts);

    var h = d.health;
    table('lag', [t('group'), t('state'), t('lag')], h.consumerGroups.map(function (g) {
      return [g.groupId, g.state, g.lag === null ? '–' : number.format(g.lag)];
    }), [false, false, true]);
    table('dead-letters', [t('service'), t('messages')], h.deadLetters.map(function (x) { return [x.service, number.format(x.count)]; }), [false, true]);
    $('per-minute').textContent = number.format(s.throughput.perMinute);
    barChart($('throughput-chart'), s.throughput.lastHour.map(function (m) { return { label: m.minute, value: m.events }; }), 40);
    table('emails', [t('milestone'), t('sent'), t('failed')], s.emails.byMilestone.map(function (m) {
      return [m.milestone, number.format(m.sent), number.format(m.failed)];
    }).concat([[t('total'), number.format(s.emails.sent), number.format(s.emails.failed)]]), [false, true, true]);
    $('health-problem').hidden = !h.problem;
    $('health-problem').textContent = h.problem || '';
    $('updated').textContent = t('updated') + ' ' + new Date(s.generatedAt).toLocaleTimeString(lang);
    $('updated').setAttribute('datetime', s.generatedAt);
  }

  // The bearer token comes in the link's fragment (never sent to the server) and stays in this tab only.
  var fromLink = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (fromLink) {
    sessionStorage.setItem('homeward-token', decodeURIComponent(fromLink[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  var token = sessionStorage.getItem('homeward-token');
  var state = $('live-state');
  var show = function (key) { state.dataset.state = key === 'live' ? 'live' : 'offline'; state.textContent = t(key); };

  // Server-sent events over fetch, so that the stream carries the bearer token (EventSource cannot send headers).
  function connect() {
    if (!token) { show('offline'); state.textContent = 'sign in: open the link with #token= (npm run token)'; return; }
    fetch('/events/stream', { headers: { authorization: 'Bearer ' + token, accept: 'text/event-stream' } }).then(function (res) {
      if (res.status === 401 || res.status === 403) { show('offline'); state.textContent = 'HTTP ' + res.status; return; }
      if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
      show('live');
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      var pump = function () {
        return reader.read().then(function (chunk) {
          if (chunk.done) throw new Error('stream ended');
          buffer += decoder.decode(chunk.value, { stream: true });
          var end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            var block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            var type = 'message';
            var data = [];
            block.split('\n').forEach(function (line) {
              if (line.indexOf('event:') === 0) type = line.slice(6).trim();
              else if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
            });
            if (type === 'dashboard' && data.length) render(JSON.parse(data.join('\n')));
          }
          return pump();
        });
      };
      return pump();
    }).catch(function () {
      show('offline');
      setTimeout(connect, 2000);
    });
  }
  connect();
})();
