// contention diff page: drawn from the data blob above; nothing is fetched.
(function () {
  'use strict';
  var d = JSON.parse(document.getElementById('data').textContent);
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function ms(v) {
    if (v == null) return '-';
    if (v === 0) return '0';
    if (v >= 1000) return (v / 1000).toFixed(2) + ' s';
    if (v >= 1) return v.toFixed(v >= 100 ? 0 : 1) + ' ms';
    return (v * 1000).toFixed(0) + ' \u00b5s';
  }
  function change(b, a) {
    b = b || 0; a = a || 0;
    var text = b < 1 ? (a < 1 ? 'under 1 ms both' : 'from under 1 ms') : ((a - b) / b * 100 >= 0 ? '+' : '') + ((a - b) / b * 100).toFixed(0) + '%';
    return el('span', {'class': a > b ? 'up' : (a < b ? 'down' : ''), text: text});
  }
  document.getElementById('summary').appendChild(el('div', null,
    ['Lock wait ' + ms(d.waitTimeMsBefore) + ' \u2192 ' + ms(d.waitTimeMsAfter) + ' ', change(d.waitTimeMsBefore, d.waitTimeMsAfter)]));
  var reg = document.getElementById('regressions');
  if (!d.regressions) reg.appendChild(el('div', {'class': 'empty', text: 'Not checked (no --fail-on-regression).'}));
  else if (!d.regressions.length) reg.appendChild(el('div', {'class': 'none', text: 'None.'}));
  else reg.appendChild(el('ul', null, d.regressions.map(function (r) { return el('li', {'class': 'up', text: r}); })));
  [['gone', d.goneFindings], ['new', d.newFindings]].forEach(function (p) {
    var box = document.getElementById(p[0]);
    if (!p[1].length) box.appendChild(el('div', {'class': 'empty', text: 'None.'}));
    p[1].forEach(function (f) {
      box.appendChild(el('div', {'class': 'finding ' + f.severity}, [el('span', {'class': 'sev', text: f.severity}),
        el('span', {text: f.kind + ': '}), el('span', {'class': 'title', text: f.title})]));
    });
  });
  function table(id, rows, cols) {
    var box = document.getElementById(id);
    if (!rows.length) { box.appendChild(el('div', {'class': 'empty', text: 'None.'})); return; }
    box.appendChild(el('table', null, [el('thead', null, [el('tr', null, cols.map(function (c) { return el('th', {text: c[0]}); }))]),
      el('tbody', null, rows.map(function (r) {
        return el('tr', null, cols.map(function (c, i) {
          var v = c[1](r), td = el('td', i < cols.length - 1 ? {'class': 'num'} : null);
          if (v instanceof Node) td.appendChild(v); else td.textContent = v;
          return td;
        }));
      }))]));
  }
  function pct(v) { return v == null ? '-' : (v * 100).toFixed(0) + '%'; }
  var waits = [['Before', function (r) { return ms(r.waitTimeMsBefore); }], ['After', function (r) { return ms(r.waitTimeMsAfter); }],
    ['Change', function (r) { return change(r.waitTimeMsBefore, r.waitTimeMsAfter); }]];
  table('locks', d.locks, waits.concat([['Utilization', function (r) { return pct(r.utilizationBefore) + ' \u2192 ' + pct(r.utilizationAfter); }],
    ['Lock', function (r) { return r.name; }]]));
  table('sites', d.sites.slice(0, 30), waits.concat([['Site', function (r) { return r.name; }]]));
  table('pools', d.pools, [['Queue p99 before', function (r) { return ms(r.queueWaitP99MsBefore); }],
    ['after', function (r) { return ms(r.queueWaitP99MsAfter); }],
    ['Parallelism', function (r) { return (r.effectiveParallelismBefore == null ? '-' : r.effectiveParallelismBefore) + ' \u2192 ' + (r.effectiveParallelismAfter == null ? '-' : r.effectiveParallelismAfter); }],
    ['Pool', function (r) { return r.name; }]]);
  document.body.setAttribute('data-rendered', 'true');
})();
