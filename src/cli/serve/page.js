// fzlint serve: the checking page. No external code; every text shown is escaped.
"use strict";

(function () {
  var MAX = 10 * 1024 * 1024;
  var token = new URLSearchParams(location.search).get("token");
  var SEV = {
    error: { name: "错误", sym: "✖", cls: "e" },
    warning: { name: "警告", sym: "▲", cls: "w" },
    info: { name: "提示", sym: "ℹ", cls: "i" }
  };
  var PARTS = [
    ["measures", "主要举措和成效"],
    ["shortcomings", "存在的不足和原因"],
    ["duties", "主要负责人履职"],
    ["plan", "下一年度工作安排"],
    ["other", "其他事项"]
  ];
  var FROM = {
    title: "（取自标题）",
    preamble: "（标题无年度，取自开头一段）",
    settings: "（取自配置）",
    metadata: "（取自网页发布时间）",
    signature: "（取自落款成文日期）"
  };
  var last = null;
  var dropped = null;

  function $(id) { return document.getElementById(id); }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function headers(extra) {
    var h = extra || {};
    if (token) h["Authorization"] = "Bearer " + token;
    return h;
  }

  function status(msg, bad) {
    var s = $("status");
    s.textContent = msg;
    s.className = bad ? "bad" : "";
  }

  function currentFile() {
    var f = $("file").files;
    return (f && f.length) ? f[0] : dropped;
  }

  function submit(ev) {
    ev.preventDefault();
    var file = currentFile();
    var name, body;
    if (file) {
      name = file.name;
      body = file;
      if (file.size > MAX) { status("文件超过 10 MB 上限，未检查", true); return; }
    } else {
      var text = $("text").value;
      if (!text.trim()) { status("请先粘贴报告正文或选择文件", true); $("text").focus(); return; }
      name = "粘贴的报告.txt";
      body = new Blob([text], { type: "text/plain;charset=utf-8" });
      if (body.size > MAX) { status("正文超过 10 MB 上限，未检查", true); return; }
    }
    status("正在检查……");
    $("go").disabled = true;
    fetch("/api/check?name=" + encodeURIComponent(name), {
      method: "POST",
      headers: headers({ "Content-Type": "application/octet-stream" }),
      body: body,
      credentials: "same-origin"
    }).then(function (r) {
      return r.text().then(function (t) {
        var v = null;
        try { v = JSON.parse(t); } catch (e) { v = null; }
        if (!r.ok) {
          var why = (v && v.error) ? v.error : ("服务返回 " + r.status);
          throw new Error(why);
        }
        return v;
      });
    }).then(function (v) {
      last = v;
      render(v);
      status("检查完成");
      var res = $("result");
      res.hidden = false;
      res.focus();
    }).catch(function (e) {
      // The result of another document must not stand under this one's error.
      $("result").hidden = true;
      last = null;
      status("未能检查：" + e.message, true);
    }).then(function () {
      $("go").disabled = false;
    });
  }

  function counts(diags) {
    var c = { error: 0, warning: 0, info: 0 };
    diags.forEach(function (d) { c[d.severity] = (c[d.severity] || 0) + 1; });
    return c;
  }

  function unit(v) { return v.line_unit === "段" ? "段" : "行"; }

  function render(v) {
    var o = v.outline || {};
    var u = unit(v);
    var facts = [
      ["文件", v.path],
      ["标题", o.title || "（未识别）"],
      ["报告年度", o.year ? (o.year + "年" + (FROM[o.year_source] || "")) : "（未找到）"],
      ["公开日期", o.published ? (o.published + (FROM[o.published_source] || "")) : "（未找到）"],
      ["格式与编码", v.format + " · " + v.encoding],
      ["规则包", v.rule_pack]
    ];
    $("facts").innerHTML = facts.map(function (f) {
      return "<div><dt>" + esc(f[0]) + "</dt><dd>" + esc(f[1]) + "</dd></div>";
    }).join("");

    var c = counts(v.diagnostics);
    var total = v.diagnostics.length;
    $("summary").innerHTML = total === 0
      ? '<span class="ok">✔ 未发现问题</span>'
      : '<span class="sym e" aria-hidden="true">✖</span> ' + c.error + " 个错误，" +
        '<span class="sym w" aria-hidden="true">▲</span> ' + c.warning + " 个警告，" +
        '<span class="sym i" aria-hidden="true">ℹ</span> ' + c.info + " 条提示";

    var parts = o.parts || {};
    $("parts").innerHTML = PARTS.map(function (p) {
      var found = parts[p[0]];
      var state, cls, sym;
      // 其他事项 is written only when there is something to report: shown, not flagged.
      if (!found && p[0] === "other") { state = "未写（有需要报告的其他事项时才写）"; cls = "absent"; sym = "—"; }
      else if (!found) { state = "缺少"; cls = "missing"; sym = "✖"; }
      else if (found.headed) { state = "有，带标题"; cls = "headed"; sym = "✔"; }
      else { state = "有，但没有单独标题"; cls = "unheaded"; sym = "◐"; }
      var extra = "";
      if (p[0] === "shortcomings") {
        extra = parts.causes
          ? '；原因分析：<a href="#L' + parts.causes.line + '">第' + parts.causes.line + u + "</a>"
          : "；未见原因分析";
      }
      var where = found
        ? ' <a href="#L' + found.line + '">第' + found.line + u + "</a>" +
          (found.evidence ? '<span class="ev">“' + esc(found.evidence) + "”</span>" : "")
        : "";
      // The finding that says the part is missing, with its help and rule.
      v.diagnostics.forEach(function (d, i) {
        if (d.scope === "document" && d.part === p[0]) {
          extra += ' <a href="#f' + i + '">' + esc(d.message) + "</a>" +
            (d.help ? '<div class="help">' + esc(d.help) + "</div>" : "");
        }
      });
      return '<li class="' + cls + '"><span class="sym" aria-hidden="true">' + sym + "</span> " +
        "<b>" + esc(p[1]) + "</b>：" + esc(state) + where + extra + "</li>";
    }).join("");

    var hs = o.headings || [];
    $("outline").innerHTML = hs.length === 0 ? "<li>（未识别出标题）</li>" : hs.map(function (h) {
      return '<li class="lv' + Math.min(h.level, 4) + '"><a href="#L' + h.line + '">' +
        esc(h.marker) + esc(h.title) + "</a></li>";
    }).join("");

    renderLines(v);

    $("findings").innerHTML = total === 0 ? "<li>（无）</li>" : v.diagnostics.map(function (d, i) {
      var s = SEV[d.severity] || SEV.info;
      var place = d.location || ("第" + d.line + u + "第" + d.column + "字");
      var target = d.scope === "document" ? "#parts-title" : "#d" + i;
      return '<li id="f' + i + '" class="f-' + s.cls + '"><span class="sym ' + s.cls + '" aria-hidden="true">' + s.sym + "</span> " +
        esc(s.name) + ' <a href="' + target + '">' + esc(place) + "</a> " + esc(d.message) +
        (d.help ? '<div class="help">' + esc(d.help) + "</div>" : "") +
        ' <a href="#rule-' + esc(d.rule) + '" class="rule-link" data-rule="' + esc(d.rule) + '">[' + esc(d.rule) + "] 规则说明</a></li>";
    }).join("");
  }

  // The marks of a line: each finding's span (over every line it covers) and the
  // places its labels point at (a heading that lost its number, the line a near miss
  // is on, every line of a furniture block), as [start, end, kind] in characters.
  function renderLines(v) {
    var byLine = {};
    var add = function (line, item) { (byLine[line] = byLine[line] || []).push(item); };
    var spread = function (from, to, item) {
      for (var ln = from.line; ln <= Math.max(from.line, to.line); ln++) {
        add(ln, {
          i: item.i, d: item.d, label: item.label, first: ln === from.line,
          start: ln === from.line ? from.column - 1 : 0,
          end: ln === to.line ? to.column - 1 : Infinity
        });
      }
    };
    v.diagnostics.forEach(function (d, i) {
      // A part missing from the whole report is the checklist's, not a mark.
      if (d.scope !== "document") {
        spread({ line: d.line, column: d.column }, { line: d.end_line, column: d.end_column }, { i: i, d: d });
      }
      (d.labels || []).forEach(function (l) {
        spread({ line: l.line, column: l.column }, { line: l.end_line, column: l.end_column }, { i: i, d: d, label: l.message });
      });
    });
    var rank = { error: 0, warning: 1, info: 2 };
    var html = (v.lines || []).map(function (ln) {
      var chars = Array.from(ln.text);
      var ds = (byLine[ln.line] || []).slice().sort(function (a, b) {
        return (a.start - b.start) || ((a.label ? 1 : 0) - (b.label ? 1 : 0)) ||
          (rank[a.d.severity] - rank[b.d.severity]);
      });
      var out = "";
      var at = 0;
      ds.forEach(function (x) {
        var d = x.d;
        var s = SEV[d.severity] || SEV.info;
        var start = Math.max(Math.min(x.start, chars.length), at);
        var end = Math.max(Math.min(x.end, chars.length), start);
        if (x.label && end === start) { return; }
        out += esc(chars.slice(at, start).join(""));
        var text = esc(chars.slice(start, end).join(""));
        if (x.label) {
          out += '<span class="lbl" title="' + esc(x.label + " [" + d.rule + "]") + '"><a href="#d' + x.i + '">' + text + "</a></span>";
        } else if (!x.first) {
          out += '<mark class="m-' + s.cls + ' cont">' + text + "</mark>";
        } else {
          out += '<span class="hl"><mark class="m-' + s.cls + '" id="d' + x.i + '" tabindex="0" aria-describedby="tip' + x.i + '">' +
            '<span class="sym" aria-hidden="true">' + s.sym + "</span>" + text + "</mark>" +
            '<span class="tip" role="tooltip" id="tip' + x.i + '"><b>' + esc(s.name) + " [" + esc(d.rule) + "]</b> " + esc(d.message) +
            (d.help ? '<span class="help">' + esc(d.help) + "</span>" : "") +
            '<a href="#rule-' + esc(d.rule) + '" class="rule-link" data-rule="' + esc(d.rule) + '">规则说明</a></span></span>';
        }
        at = end;
      });
      out += esc(chars.slice(at).join(""));
      return '<li id="L' + ln.line + '" value="' + ln.line + '" tabindex="-1"><span class="no" aria-hidden="true">' + ln.line + "</span>" +
        '<span class="tx">' + (out || "&#8203;") + "</span></li>";
    }).join("");
    $("lines").innerHTML = html;
  }

  function explain(id) {
    var box = $("explain");
    var body = $("explain-body");
    body.innerHTML = "<p>正在读取……</p>";
    box.hidden = false;
    fetch("/api/rule/" + encodeURIComponent(id), { headers: headers(), credentials: "same-origin" })
      .then(function (r) {
        return r.json().then(function (v) { if (!r.ok) throw new Error(v.error || r.status); return v; });
      })
      .then(function (r) {
        var s = SEV[r.severity] || SEV.info;
        var ex = function (title, list) {
          return (list || []).map(function (e, i) {
            return "<h4>" + esc(title) + " " + (i + 1) + "</h4><pre>" + esc(e) + "</pre>";
          }).join("");
        };
        body.innerHTML = "<h3>" + esc(r.id) + '（<span class="sym ' + s.cls + '" aria-hidden="true">' + s.sym + "</span>" +
          esc(s.name) + "，" + esc(r.category) + "）</h3><p>" + esc(r.summary) + "</p>" +
          "<h4>说明</h4><p class=\"pre\">" + esc(r.rationale) + "</p>" +
          (r.basis ? "<h4>依据</h4><p class=\"pre\">" + esc(r.basis) + "</p>" : "") +
          (r.help ? "<h4>怎么改</h4><p class=\"pre\">" + esc(r.help) + "</p>" : "") +
          ex("错误示例", r.examples && r.examples.bad) + ex("正确示例", r.examples && r.examples.good);
        box.focus();
      })
      .catch(function (e) { body.innerHTML = '<p class="bad">未能读取规则说明：' + esc(e.message) + "</p>"; });
  }

  function download() {
    if (!last) return;
    var blob = new Blob([JSON.stringify(last, null, 2)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = String(last.path || "report").replace(/\.[^.]*$/, "") + ".fzlint.json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("form").addEventListener("submit", submit);
    $("download").addEventListener("click", download);
    $("print").addEventListener("click", function () { window.print(); });
    $("explain-close").addEventListener("click", function () { $("explain").hidden = true; });
    $("file").addEventListener("change", function () {
      dropped = null;
      var f = currentFile();
      if (f) status("将检查文件：" + f.name + "（清空文件选择后可检查粘贴的正文）");
    });
    var drop = $("drop");
    drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("over");
      var f = e.dataTransfer && e.dataTransfer.files;
      if (f && f.length) {
        $("file").value = "";
        dropped = f[0];
        status("将检查文件：" + dropped.name);
      }
    });
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a");
      if (!a) return;
      if (a.classList.contains("rule-link")) {
        e.preventDefault();
        explain(a.getAttribute("data-rule"));
        return;
      }
      var href = a.getAttribute("href") || "";
      if (href.charAt(0) === "#" && href.length > 1) {
        var t = document.getElementById(href.slice(1));
        if (t) {
          e.preventDefault();
          t.scrollIntoView({ block: "center" });
          t.focus();
        }
      }
    });
    // Escape hides the explanation under the focused mark (WCAG 1.4.13).
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      var hl = document.activeElement && document.activeElement.closest && document.activeElement.closest(".hl");
      if (hl) hl.classList.add("quiet");
      else if (!$("explain").hidden) $("explain").hidden = true;
    });
    document.addEventListener("focusout", function (e) {
      var hl = e.target.closest && e.target.closest(".hl");
      if (hl) hl.classList.remove("quiet");
    });
  });
})();
