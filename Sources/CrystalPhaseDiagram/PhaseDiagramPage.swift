/// The stylesheet and script of the HTML page (hand-written, no libraries; ES2015, any current browser).
enum PhaseDiagramPage {
    static let stylesheet = """
    :root { color-scheme: light; }
    body { margin: 0; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #111; background: #fff; }
    main { max-width: 940px; margin: 0 auto; padding: 12px 16px 32px; }
    figure { margin: 0; }
    svg.phase-diagram { width: 100%; height: auto; display: block; touch-action: none; }
    svg.phase-diagram[data-dimension="4"] { cursor: grab; }
    svg.phase-diagram.dragging { cursor: grabbing; }
    figcaption { font-size: 13px; color: #444; margin: 4px 0 16px; }
    .point { cursor: pointer; }
    .point:focus { outline: none; }
    .point:focus, .point.pinned, .point.active { stroke: #0b5cad; stroke-width: 3px; }
    .card { position: absolute; z-index: 2; max-width: 360px; padding: 10px 12px; background: #fff; border: 1px solid #888;
            border-radius: 6px; box-shadow: 0 2px 10px rgba(0,0,0,.18); font-size: 13px; line-height: 1.45; }
    .card.pinned { border-color: #0b5cad; box-shadow: 0 0 0 2px #0b5cad33, 0 2px 10px rgba(0,0,0,.18); }
    .card h3 { margin: 0 0 4px; font-size: 16px; }
    .card dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 1px 10px; }
    .card dt { color: #555; }
    .card dd { margin: 0; font-variant-numeric: tabular-nums; }
    .card .reaction { margin-top: 6px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-word; }
    .card .close { float: right; border: 0; background: none; font-size: 16px; cursor: pointer; padding: 0 2px; }
    table { border-collapse: collapse; font-size: 13px; width: 100%; }
    th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
    th { font-weight: 600; background: #f4f4f4; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    h2 { font-size: 17px; margin: 18px 0 6px; }
    @media print {
      main { max-width: none; padding: 0; }
      .card, .hint { display: none !important; }
      svg.phase-diagram { max-width: 100%; page-break-inside: avoid; }
      table { font-size: 9pt; }
      th { background: none; }
    }

    """

    static let script = """
    (function () {
      'use strict';
      var errors = [];
      var check = document.getElementById('self-check');
      function report() {
        check.setAttribute('data-errors', String(errors.length));
        check.setAttribute('data-error-messages', errors.join(' | '));
      }
      window.onerror = function (message, source, line, column) {
        errors.push(String(message) + ' (line ' + line + ':' + column + ')');
        report();
        return false;
      };
      report();

      var data = JSON.parse(document.getElementById('diagram-data').textContent);
      var svg = document.querySelector('svg.phase-diagram');
      var card = document.getElementById('card');
      var points = Array.prototype.slice.call(svg.querySelectorAll('.point'));
      var pointByIndex = {};
      points.forEach(function (el) { pointByIndex[el.getAttribute('data-i')] = el; });
      var pinned = null;

      function signed(x) { return (x >= 0 ? '+' : '\\u2212') + Math.abs(x).toFixed(3); }
      function energy(x) { return (x < 0 ? '\\u2212' : '') + Math.abs(x).toFixed(3) + ' eV/atom'; }
      function formulaNode(text) {
        var span = document.createElement('span');
        var parts = text.match(/[A-Z][a-z]?|[0-9.]+/g) || [text];
        parts.forEach(function (part) {
          if (/^[0-9.]+$/.test(part)) {
            var sub = document.createElement('sub');
            sub.textContent = part;
            span.appendChild(sub);
          } else {
            span.appendChild(document.createTextNode(part));
          }
        });
        return span;
      }
      function row(list, term, value) {
        var dt = document.createElement('dt');
        dt.textContent = term;
        var dd = document.createElement('dd');
        dd.textContent = value;
        list.appendChild(dt);
        list.appendChild(dd);
      }

      function fill(el) {
        var p = data.points[+el.getAttribute('data-i')];
        card.textContent = '';
        var close = document.createElement('button');
        close.className = 'close';
        close.type = 'button';
        close.setAttribute('aria-label', 'close');
        close.textContent = '\\u00d7';
        close.addEventListener('click', function (event) { event.stopPropagation(); unpin(); });
        card.appendChild(close);
        var heading = document.createElement('h3');
        heading.appendChild(formulaNode(p.formula));
        card.appendChild(heading);
        var list = document.createElement('dl');
        row(list, 'id', p.id);
        row(list, 'source', p.source + (p.is_reference ? ' (reference)' : ''));
        row(list, 'formation energy', energy(p.formation_energy_per_atom));
        if (p.stable) {
          row(list, 'above the hull', '0 (stable)');
          if (p.e_below_hull !== undefined) { row(list, 'below the others', energy(p.e_below_hull)); }
        } else if (p.e_above_hull < 0) {
          row(list, 'below the hull', energy(-p.e_above_hull));
        } else {
          row(list, 'above the hull', signed(p.e_above_hull) + ' eV/atom');
        }
        card.appendChild(list);
        var reaction = document.createElement('div');
        reaction.className = 'reaction';
        reaction.textContent = p.reaction;
        card.appendChild(reaction);
        card.hidden = false;
        var box = el.getBoundingClientRect();
        var left = window.scrollX + box.right + 12;
        if (left + card.offsetWidth > window.scrollX + document.documentElement.clientWidth - 8) {
          left = Math.max(window.scrollX + 8, window.scrollX + box.left - card.offsetWidth - 12);
        }
        card.style.left = left + 'px';
        card.style.top = Math.max(window.scrollY + 8, window.scrollY + box.top - 12) + 'px';
      }
      function show(el) {
        if (pinned && pinned !== el) { return; }
        points.forEach(function (other) { other.classList.remove('active'); });
        el.classList.add('active');
        fill(el);
      }
      function hide(el) {
        el.classList.remove('active');
        if (!pinned) { card.hidden = true; }
      }
      function pin(el) {
        if (pinned) { pinned.classList.remove('pinned'); }
        pinned = el;
        el.classList.add('pinned');
        card.classList.add('pinned');
        fill(el);
      }
      function unpin() {
        if (pinned) { pinned.classList.remove('pinned'); }
        pinned = null;
        card.classList.remove('pinned');
        card.hidden = true;
      }
      points.forEach(function (el) {
        el.addEventListener('mouseenter', function () { show(el); });
        el.addEventListener('mouseleave', function () { hide(el); });
        el.addEventListener('focus', function () { show(el); });
        el.addEventListener('blur', function () { hide(el); });
        el.addEventListener('click', function (event) {
          event.stopPropagation();
          if (pinned === el) { unpin(); } else { pin(el); }
        });
        el.addEventListener('keydown', function (event) {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            if (pinned === el) { unpin(); } else { pin(el); }
          }
        });
      });
      document.addEventListener('keydown', function (event) { if (event.key === 'Escape') { unpin(); } });
      document.addEventListener('click', function (event) { if (pinned && !card.contains(event.target)) { unpin(); } });

      // A quaternary turns: the same projection as the Swift renderer (DiagramGeometry.project).
      var turn = null;
      if (svg.getAttribute('data-dimension') === '4') {
        var view = {
          yaw: +svg.getAttribute('data-yaw'), pitch: +svg.getAttribute('data-pitch'),
          scale: +svg.getAttribute('data-scale'), cx: +svg.getAttribute('data-cx'), cy: +svg.getAttribute('data-cy')
        };
        var corners = [[0, 0, 0], [1, 0, 0], [0.5, Math.sqrt(3) / 2, 0], [0.5, Math.sqrt(3) / 6, Math.sqrt(2 / 3)]];
        var centroid = [0.5, Math.sqrt(3) / 6, Math.sqrt(2 / 3) / 4];
        var project = function (p) {
          var x = p[0] - centroid[0], y = p[1] - centroid[1], z = p[2] - centroid[2];
          var x1 = x * Math.cos(view.yaw) - y * Math.sin(view.yaw), y1 = x * Math.sin(view.yaw) + y * Math.cos(view.yaw);
          var y2 = y1 * Math.cos(view.pitch) - z * Math.sin(view.pitch), z2 = y1 * Math.sin(view.pitch) + z * Math.cos(view.pitch);
          return [view.cx + view.scale * x1, view.cy - view.scale * z2, y2];
        };
        var position = {};
        var place = function () {
          points.forEach(function (el) {
            var q = project(el.getAttribute('data-p').split(',').map(Number));
            position[el.getAttribute('data-i')] = q;
            el.setAttribute('cx', q[0].toFixed(2));
            el.setAttribute('cy', q[1].toFixed(2));
          });
          // Far points first, so near ones are drawn on top.
          points.slice().sort(function (a, b) { return position[b.getAttribute('data-i')][2] - position[a.getAttribute('data-i')][2]; })
            .forEach(function (el) { el.parentNode.appendChild(el); });
          svg.querySelectorAll('.tie-line').forEach(function (line) {
            var a = position[line.getAttribute('data-a')], b = position[line.getAttribute('data-b')];
            if (!a || !b) { return; }
            line.setAttribute('x1', a[0].toFixed(2)); line.setAttribute('y1', a[1].toFixed(2));
            line.setAttribute('x2', b[0].toFixed(2)); line.setAttribute('y2', b[1].toFixed(2));
          });
          var c = corners.map(project);
          var facing = {};
          for (var opposite = 0; opposite < 4; opposite++) {
            var face = [0, 1, 2, 3].filter(function (i) { return i !== opposite; });
            var p0 = c[face[0]], p1 = c[face[1]], p2 = c[face[2]], o = c[opposite];
            var u = [p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]], v = [p2[0] - p0[0], p2[1] - p0[1], p2[2] - p0[2]];
            var n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
            if (n[0] * (o[0] - p0[0]) + n[1] * (o[1] - p0[1]) + n[2] * (o[2] - p0[2]) > 0) { n = [-n[0], -n[1], -n[2]]; }
            facing[face.join('')] = n[2] < 0;
          }
          svg.querySelectorAll('.edge').forEach(function (edge) {
            var a = +edge.getAttribute('data-a'), b = +edge.getAttribute('data-b');
            var front = Object.keys(facing).some(function (key) { return facing[key] && key.indexOf(a) >= 0 && key.indexOf(b) >= 0; });
            edge.setAttribute('x1', c[a][0].toFixed(2)); edge.setAttribute('y1', c[a][1].toFixed(2));
            edge.setAttribute('x2', c[b][0].toFixed(2)); edge.setAttribute('y2', c[b][1].toFixed(2));
            edge.setAttribute('stroke', front ? '#111' : '#9a9a9a');
            edge.setAttribute('stroke-width', front ? '1.6' : '1');
            if (front) { edge.removeAttribute('stroke-dasharray'); } else { edge.setAttribute('stroke-dasharray', '5 4'); }
          });
          var mid = [view.cx, view.cy];
          svg.querySelectorAll('.corner').forEach(function (label) {
            var q = c[+label.getAttribute('data-corner')];
            var dx = q[0] - mid[0], dy = q[1] - mid[1], length = Math.max(1, Math.sqrt(dx * dx + dy * dy));
            label.setAttribute('x', (q[0] + dx / length * 20).toFixed(2));
            label.setAttribute('y', (q[1] + dy / length * 20 + 7).toFixed(2));
          });
          svg.querySelectorAll('.label').forEach(function (label) {
            var q = position[label.getAttribute('data-i')];
            label.setAttribute('x', (q[0] + +label.getAttribute('data-dx')).toFixed(2));
            label.setAttribute('y', (q[1] + +label.getAttribute('data-dy')).toFixed(2));
          });
          svg.querySelectorAll('.leader').forEach(function (line) { line.setAttribute('visibility', 'hidden'); });
        };
        turn = function (yaw, pitch) {
          view.yaw += yaw;
          view.pitch = Math.max(-1.5, Math.min(1.5, view.pitch + pitch));
          place();
          if (pinned) { fill(pinned); }
        };
        var drag = null;
        svg.addEventListener('pointerdown', function (event) {
          if (event.target.classList && event.target.classList.contains('point')) { return; }
          drag = [event.clientX, event.clientY];
          svg.classList.add('dragging');
          if (svg.setPointerCapture) { svg.setPointerCapture(event.pointerId); }
        });
        svg.addEventListener('pointermove', function (event) {
          if (!drag) { return; }
          var dx = event.clientX - drag[0], dy = event.clientY - drag[1];
          drag = [event.clientX, event.clientY];
          turn(-dx * 0.01, dy * 0.01);
        });
        var stop = function () { drag = null; svg.classList.remove('dragging'); };
        svg.addEventListener('pointerup', stop);
        svg.addEventListener('pointercancel', stop);
        svg.setAttribute('tabindex', '0');
        svg.addEventListener('keydown', function (event) {
          var step = { ArrowLeft: [0.1, 0], ArrowRight: [-0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[event.key];
          if (step && event.target === svg) { event.preventDefault(); turn(step[0], step[1]); }
        });
      }

      // Self-check: what is drawn, whether every tie line ends on its two points, whether a card shows.
      function detachedTieLines() {
        var count = 0;
        svg.querySelectorAll('.tie-line').forEach(function (line) {
          var a = pointByIndex[line.getAttribute('data-a')], b = pointByIndex[line.getAttribute('data-b')];
          if (!a || !b) { count++; return; }
          var ends = [[+line.getAttribute('x1'), +line.getAttribute('y1'), a], [+line.getAttribute('x2'), +line.getAttribute('y2'), b]];
          ends.forEach(function (end) {
            if (Math.abs(end[0] - +end[2].getAttribute('cx')) > 0.05 || Math.abs(end[1] - +end[2].getAttribute('cy')) > 0.05) { count++; }
          });
        });
        return count;
      }
      var result = { points: points.length, tie_lines: svg.querySelectorAll('.tie-line').length, labels: svg.querySelectorAll('.label').length };
      result.detached = detachedTieLines();
      if (turn) {
        turn(0.7, -0.3);
        result.detached_after_turn = detachedTieLines();
        turn(-0.7, 0.3);
      }
      var probe = svg.querySelector('.point.stable') || points[0];
      if (probe) {
        show(probe);
        var expected = data.points[+probe.getAttribute('data-i')];
        result.card = !card.hidden && card.textContent.indexOf(expected.id) >= 0 && card.textContent.indexOf(expected.reaction) >= 0;
        hide(probe);
        result.card_hides = card.hidden;
      }
      result.data_points = data.points.length;
      result.errors = errors.length;
      Object.keys(result).forEach(function (key) { check.setAttribute('data-' + key.replace(/_/g, '-'), String(result[key])); });
      check.setAttribute('data-status', 'done');
      check.textContent = JSON.stringify(result);
    })();

    """
}
