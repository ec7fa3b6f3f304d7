// Printing shows every pair's shared passages.
window.addEventListener('beforeprint', function () {
  Array.prototype.forEach.call(document.querySelectorAll('details.shared'), function (d) { d.open = true; });
});
(function () {
  var table = document.getElementById('matrix');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var col = -1, dir = 1;
  function key(row, i) { var v = row.getAttribute('data-k' + i); return v === null ? '' : v; }
  function compare(a, b, i, numeric) {
    var x = key(a, i), y = key(b, i);
    if (x === '' || y === '') {
      if (x !== y) { return x === '' ? 1 : -1; }
    } else {
      var c = numeric ? (Number(x) - Number(y)) : x.localeCompare(y, 'zh-CN');
      if (c !== 0) { return c * dir; }
    }
    return Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i'));
  }
  heads.forEach(function (th, i) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      dir = (col === i) ? -dir : 1;
      col = i;
      var numeric = button.getAttribute('data-num') === '1';
      rows.sort(function (a, b) { return compare(a, b, i, numeric); });
      rows.forEach(function (r) { body.appendChild(r); });
      heads.forEach(function (h, j) {
        if (j === i) { h.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending'); }
        else { h.removeAttribute('aria-sort'); }
      });
    });
  });
  var controls = document.getElementById('controls');
  var query = document.getElementById('q');
  var onlyErrors = document.getElementById('only-errors');
  var onlyLate = document.getElementById('only-late');
  var onlyMissing = document.getElementById('only-missing');
  var verdict = document.getElementById('verdict');
  var shown = document.getElementById('shown');
  function apply() {
    var q = query.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!q || (r.getAttribute('data-q') || '').toLowerCase().indexOf(q) >= 0)
        && (!onlyErrors.checked || r.getAttribute('data-err') === '1')
        && (!onlyLate.checked || r.getAttribute('data-late') === '1')
        && (!onlyMissing.checked || r.getAttribute('data-miss') === '1')
        && (!verdict.value || r.getAttribute('data-verdict') === verdict.value);
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = '显示 ' + n + ' / ' + rows.length + ' 份';
  }
  [query, onlyErrors, onlyLate, onlyMissing, verdict].forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  controls.hidden = false;
  apply();
})();
