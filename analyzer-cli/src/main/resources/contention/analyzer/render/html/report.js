// contention HTML report: everything drawn from the data blob above; nothing is fetched.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var report = data.report;

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
  function pct(v) { return v == null ? '-' : (v * 100).toFixed(0) + '%'; }

  // Recording header.
  var rec = report.recording;
  document.getElementById('recording').textContent = [rec.source, rec.startTime, 'duration ' + ms(rec.durationMs),
    rec.jvm, rec.cpus != null ? rec.cpus + ' CPUs' : null].filter(Boolean).join(' \u00b7 ');

  // Findings first.
  var findings = document.getElementById('findings');
  if (!report.findings.length) findings.appendChild(el('div', {'class': 'none', text: 'No findings.'}));
  report.findings.forEach(function (f) {
    var evidence = [];
    if (f.metrics) for (var m in f.metrics) evidence.push(el('li', {text: m + ': ' + f.metrics[m]}));
    (f.sites || []).forEach(function (s) { evidence.push(el('li', {text: 'waited ' + ms(s.waitTimeMs) + ' (' + s.count + 'x) at ' + s.frame})); });
    if (f.phase) evidence.push(el('li', {text: 'phase from ' + ms(f.phase.startMs) + ' for ' + ms(f.phase.durationMs)}));
    if (f.threads && f.threads.length) evidence.push(el('li', {text: 'threads: ' + f.threads.join(', ')}));
    findings.appendChild(el('div', {'class': 'finding ' + f.severity}, [
      el('span', {'class': 'sev', text: f.severity}), el('span', {'class': 'kind', text: f.kind + ': '}),
      el('span', {'class': 'title', text: f.title}),
      f.explanation ? el('p', {text: f.explanation}) : null,
      el('div', {'class': 'advice', text: 'Advice: ' + f.advice}),
      evidence.length ? el('details', null, [el('summary', {text: 'Evidence'}), el('ul', null, evidence)]) : null
    ]));
  });

  // Sortable tables: click a header to sort by it, again to reverse.
  function table(container, columns, rows) {
    var box = document.getElementById(container);
    if (!rows.length) { box.appendChild(el('div', {'class': 'empty', text: 'None recorded.'})); return; }
    var tbody = el('tbody');
    var heads = columns.map(function (c, i) {
      var th = el('th', {text: c.title});
      th.addEventListener('click', function () { sort(i, th); });
      return th;
    });
    function fill() {
      tbody.textContent = '';
      rows.forEach(function (r) {
        tbody.appendChild(el('tr', null, columns.map(function (c) {
          var v = c.show ? c.show(r) : c.value(r);
          var td = el('td', c.num ? {'class': 'num'} : null);
          if (v instanceof Node) td.appendChild(v); else td.textContent = v == null ? '-' : String(v);
          return td;
        })));
      });
    }
    function sort(i, th) {
      var desc = !th.classList.contains('sorted-desc');
      heads.forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
      th.classList.add(desc ? 'sorted-desc' : 'sorted-asc');
      var key = columns[i].value;
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = (x == null ? -Infinity : x) < (y == null ? -Infinity : y) ? -1 : (x == y ? 0 : 1);
        return desc ? -c : c;
      });
      fill();
    }
    box.appendChild(el('table', null, [el('thead', null, [el('tr', null, heads)]), tbody]));
    fill();
  }
  function described(main, subs) {
    return el('div', null, [el('div', {text: main})].concat(subs.filter(Boolean).map(function (s) { return el('div', {'class': 'sub', text: s}); })));
  }

  table('locks', [
    {title: 'Wait', num: true, value: function (l) { return l.waitTimeMs; }, show: function (l) { return ms(l.waitTimeMs); }},
    {title: 'Count', num: true, value: function (l) { return l.waitCount; }},
    {title: 'Threads', num: true, value: function (l) { return l.threads; }},
    {title: 'Hold', num: true, value: function (l) { return l.holdTimeMs; }, show: function (l) { return ms(l.holdTimeMs); }},
    {title: 'Utilization', num: true, value: function (l) { return l.utilization; }, show: function (l) { return pct(l.utilization); }},
    {title: 'Lock', value: function (l) { return l.class; }, show: function (l) {
      return described(l.class, [l.field && 'in field ' + l.field, l.allocationSite && 'created at ' + l.allocationSite,
        l.sites && l.sites[0] && 'most waited at ' + l.sites[0].frame]); }}
  ], report.locks.slice());

  table('executors', [
    {title: 'Pool', value: function (e) { return e.name; }, show: function (e) { return described(e.name + ' (' + e.class + ')', [e.creationSite && 'created at ' + e.creationSite]); }},
    {title: 'Threads', num: true, value: function (e) { return e.threads; }},
    {title: 'Tasks', num: true, value: function (e) { return e.tasks; }},
    {title: 'Queue p50', num: true, value: function (e) { return e.queueWaitMs && e.queueWaitMs.p50; }, show: function (e) { return e.queueWaitMs ? ms(e.queueWaitMs.p50) : '-'; }},
    {title: 'Queue p99', num: true, value: function (e) { return e.queueWaitMs && e.queueWaitMs.p99; }, show: function (e) { return e.queueWaitMs ? ms(e.queueWaitMs.p99) : '-'; }},
    {title: 'Queue max', num: true, value: function (e) { return e.queueWaitMs && e.queueWaitMs.max; }, show: function (e) { return e.queueWaitMs ? ms(e.queueWaitMs.max) : '-'; }},
    {title: 'Run p50', num: true, value: function (e) { return e.runTimeMs && e.runTimeMs.p50; }, show: function (e) { return e.runTimeMs ? ms(e.runTimeMs.p50) : '-'; }},
    {title: 'Run p99', num: true, value: function (e) { return e.runTimeMs && e.runTimeMs.p99; }, show: function (e) { return e.runTimeMs ? ms(e.runTimeMs.p99) : '-'; }},
    {title: 'Parallelism', num: true, value: function (e) { return e.effectiveParallelism; }},
    {title: 'Rejected', num: true, value: function (e) { return e.rejected; }}
  ], report.executors.slice());

  table('threads', [
    {title: 'Thread', value: function (t) { return t.name; }},
    {title: 'Blocked', num: true, value: function (t) { return t.blockedMs; }, show: function (t) { return ms(t.blockedMs); }},
    {title: 'Waiting', num: true, value: function (t) { return t.waitingMs; }, show: function (t) { return ms(t.waitingMs); }},
    {title: 'Running', num: true, value: function (t) { return t.runningMs; }, show: function (t) { return ms(t.runningMs); }}
  ], report.threads.slice());

  // Bar charts in SVG.
  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function stackedBars(container, rows, parts, colors, labels) {
    var box = document.getElementById(container);
    if (!rows.length) return;
    var max = 0;
    rows.forEach(function (r) { var s = 0; parts.forEach(function (p) { s += p(r) || 0; }); max = Math.max(max, s); });
    if (max <= 0) return;
    var W = 700, label = 220, row = 16, h = rows.length * row + 24;
    var s = svg('svg', {width: W + label + 80, height: h});
    rows.forEach(function (r, i) {
      var x = label, y = i * row;
      s.appendChild(svg('text', {x: 0, y: y + 12}, labels.name(r)));
      parts.forEach(function (p, j) {
        var w = (p(r) || 0) / max * W;
        var rect = svg('rect', {x: x, y: y + 2, width: Math.max(0, w), height: row - 4, fill: colors[j]});
        rect.appendChild(svg('title', {}, labels.parts[j] + ': ' + ms(p(r))));
        s.appendChild(rect);
        x += w;
      });
    });
    labels.parts.forEach(function (p, j) {
      s.appendChild(svg('rect', {x: label + j * 120, y: h - 14, width: 10, height: 10, fill: colors[j]}));
      s.appendChild(svg('text', {x: label + j * 120 + 14, y: h - 5}, p));
    });
    box.appendChild(s);
  }
  stackedBars('threadstates', report.threads.slice(0, 40),
    [function (t) { return t.blockedMs; }, function (t) { return t.waitingMs; }, function (t) { return t.runningMs; }],
    ['#e53935', '#fbc02d', '#43a047'], {name: function (t) { return t.name; }, parts: ['blocked', 'waiting', 'running']});
  stackedBars('queuewait', report.executors.filter(function (e) { return e.queueWaitMs; }),
    [function (e) { return e.queueWaitMs.p50; }, function (e) { return e.queueWaitMs.p99 - e.queueWaitMs.p50; },
     function (e) { return e.queueWaitMs.max - e.queueWaitMs.p99; }],
    ['#1e88e5', '#64b5f6', '#bbdefb'], {name: function (e) { return e.name + ' queue wait'; }, parts: ['p50', 'to p99', 'to max']});

  // Lock timeline: per lock with a timeline, wait per window as a bar; finding phases shaded behind.
  (function () {
    var box = document.getElementById('timeline');
    var locks = report.locks.filter(function (l) { return l.timeline && l.timeline.length; }).slice(0, 10);
    if (!locks.length) { box.appendChild(el('div', {'class': 'empty', text: 'No lock timeline in this recording.'})); return; }
    var total = rec.durationMs || 1, W = 900, label = 260, row = 36;
    var s = svg('svg', {width: W + label + 10, height: locks.length * row + 20});
    locks.forEach(function (l, i) {
      var y = i * row;
      s.appendChild(svg('text', {x: 0, y: y + 20}, (l.field || l.class).slice(-40)));
      s.appendChild(svg('rect', {x: label, y: y + 2, width: W, height: row - 6, fill: '#f5f5f5'}));
      report.findings.forEach(function (f) {
        if (!f.phase || !f.lock || f.lock.id !== l.id) return;
        var r = svg('rect', {x: label + f.phase.startMs / total * W, y: y + 2, width: Math.max(1, f.phase.durationMs / total * W),
          height: row - 6, fill: f.severity === 'critical' ? '#ffcdd2' : '#ffe0b2'});
        r.appendChild(svg('title', {}, f.kind + ' from ' + ms(f.phase.startMs) + ' for ' + ms(f.phase.durationMs)));
        s.appendChild(r);
      });
      var peak = 0;
      l.timeline.forEach(function (w) { peak = Math.max(peak, w.waitTimeMs / Math.max(1, w.durationMs)); });
      l.timeline.forEach(function (w) {
        var v = peak > 0 ? (w.waitTimeMs / Math.max(1, w.durationMs)) / peak : 0, h = v * (row - 8);
        var r = svg('rect', {x: label + w.startMs / total * W, y: y + row - 4 - h, width: Math.max(1, w.durationMs / total * W - 1), height: h, fill: '#c62828'});
        r.appendChild(svg('title', {}, ms(w.startMs) + ': wait ' + ms(w.waitTimeMs) + (w.holdTimeMs != null ? ', hold ' + ms(w.holdTimeMs) : '') + ', ' + w.threads + ' threads'));
        s.appendChild(r);
      });
    });
    s.appendChild(svg('text', {x: label, y: locks.length * row + 14}, '0'));
    s.appendChild(svg('text', {x: label + W - 50, y: locks.length * row + 14}, ms(total)));
    box.appendChild(s);
  })();

  // Flame graph on a canvas, in the style of async-profiler's flame.html: root at the bottom.
  (function () {
    var root = {name: 'all', value: 0, children: {}};
    data.stacks.forEach(function (st) {
      var node = root, w = st[1];
      root.value += w;
      st[0].forEach(function (frame) {
        var c = node.children[frame];
        if (!c) c = node.children[frame] = {name: frame, value: 0, children: {}};
        c.value += w;
        node = c;
      });
    });
    var canvas = document.getElementById('flame'), status = document.getElementById('status');
    var frames = [], depthMax = 0, FH = 16;
    function layout(node, depth, x) {
      frames.push({node: node, depth: depth, x: x});
      depthMax = Math.max(depthMax, depth);
      var keys = Object.keys(node.children).sort();
      keys.forEach(function (k) { var c = node.children[k]; layout(c, depth + 1, x); x += c.value; });
    }
    layout(root, 0, 0);
    var zoom = frames[0], pattern = null;
    function color(f) {
      if (pattern && pattern.test(f.node.name)) return '#ee00ee';
      if (f.depth === 0) return '#bbb';
      var n = f.node.name, h = 0;
      for (var i = 0; i < n.length; i++) h = (h * 31 + n.charCodeAt(i)) >>> 0;
      var leaf = !Object.keys(f.node.children).length;
      return leaf ? 'hsl(' + (190 + h % 30) + ',60%,60%)' : 'hsl(' + (10 + h % 40) + ',80%,' + (55 + h % 15) + '%)';
    }
    function inZoom(f) {
      if (f.depth < zoom.depth) return f.x <= zoom.x && f.x + f.node.value >= zoom.x + zoom.node.value;
      return f.x >= zoom.x && f.x + f.node.value <= zoom.x + zoom.node.value;
    }
    function draw() {
      var W = canvas.clientWidth || 1000, H = (depthMax + 1) * FH;
      var ratio = window.devicePixelRatio || 1;
      canvas.width = W * ratio; canvas.height = H * ratio; canvas.style.height = H + 'px';
      var g = canvas.getContext('2d');
      g.scale(ratio, ratio);
      g.font = '12px Verdana, sans-serif';
      g.textBaseline = 'middle';
      var scale = W / Math.max(1, zoom.node.value), matched = 0;
      frames.forEach(function (f) {
        if (!inZoom(f)) return;
        var x = f.depth < zoom.depth ? 0 : (f.x - zoom.x) * scale;
        var w = f.depth < zoom.depth ? W : f.node.value * scale;
        if (w < 0.5) return;
        var y = H - (f.depth + 1) * FH;
        g.fillStyle = color(f);
        g.fillRect(x, y, w - 0.5, FH - 1);
        if (pattern && f.depth > 0 && pattern.test(f.node.name)) matched += f.node.value;
        if (w > 28) {
          g.fillStyle = '#000';
          var text = f.node.name, max = Math.floor((w - 6) / 7);
          if (text.length > max) text = text.slice(0, Math.max(0, max - 2)) + '..';
          g.save(); g.beginPath(); g.rect(x, y, w, FH); g.clip();
          g.fillText(text, x + 3, y + FH / 2); g.restore();
        }
      });
      f0 = {scale: scale, W: W, H: H};
      document.getElementById('matched').textContent = pattern ? 'matched ' + (100 * matched / Math.max(1, root.value)).toFixed(1) + '% (frames counted once per depth)' : '';
    }
    var f0 = null;
    function at(ev) {
      var r = canvas.getBoundingClientRect(), px = ev.clientX - r.left, py = ev.clientY - r.top;
      var depth = Math.floor((f0.H - py) / FH);
      for (var i = 0; i < frames.length; i++) {
        var f = frames[i];
        if (f.depth !== depth || !inZoom(f)) continue;
        var x = f.depth < zoom.depth ? 0 : (f.x - zoom.x) * f0.scale, w = f.depth < zoom.depth ? f0.W : f.node.value * f0.scale;
        if (px >= x && px < x + w) return f;
      }
      return null;
    }
    canvas.addEventListener('mousemove', function (ev) {
      var f = at(ev);
      status.textContent = f ? f.node.name + ' \u2014 ' + ms(f.node.value / 1000) + ' (' + (100 * f.node.value / Math.max(1, root.value)).toFixed(2) + '%)' : '\u00a0';
    });
    canvas.addEventListener('click', function (ev) { var f = at(ev); if (f) { zoom = f; draw(); } });
    document.getElementById('search').addEventListener('input', function (ev) {
      try { pattern = ev.target.value ? new RegExp(ev.target.value) : null; } catch (e) { pattern = null; }
      draw();
    });
    window.addEventListener('resize', draw);
    if (!data.stacks.length) {
      canvas.style.display = 'none';
      status.textContent = 'No waiting stacks in this recording.';
    } else {
      draw();
    }
    canvas.setAttribute('data-frames', String(frames.length - 1));
  })();
  document.body.setAttribute('data-rendered', 'true');
})();
