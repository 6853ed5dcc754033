/* The public draw page's "verify" button: download the frozen list, re-run GH-DRAW-1 here
 * (ghdraw.js + vendored js-sha256), compare with the result shown on the page, say so. */
(function () {
  "use strict";
  var root = document.getElementById("draw-verify");
  if (!root || !window.GhDraw) return;
  var button = document.getElementById("draw-verify-button");
  var out = document.getElementById("draw-verify-result");
  var msg = root.dataset;

  function numbers(text) {
    return (text || "").split(" ").filter(Boolean).map(Number);
  }

  function same(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function shown() {
    var prizes = [];
    var nodes = document.querySelectorAll(".draw-prize");
    for (var i = 0; i < nodes.length; i++) {
      prizes.push([nodes[i].getAttribute("data-prize"), numbers(nodes[i].getAttribute("data-numbers"))]);
    }
    return {
      digest: msg.digest,
      entries: Number(msg.entries),
      prizes: prizes,
      waiting: numbers(document.getElementById("draw-waiting").getAttribute("data-numbers"))
    };
  }

  function say(text, ok) {
    out.textContent = text;
    out.className = "draw-verify-result " + (ok ? "ok" : "bad");
    out.setAttribute("data-verdict", ok ? "match" : "mismatch");
  }

  function compare(bytes) {
    var page = shown();
    var result = window.GhDraw.draw(bytes, msg.seed, JSON.parse(msg.prizes));
    if (result.error) return say(msg.msgMismatch + " " + msg.msgBadlist, false);
    var problems = [];
    if (result.list_sha256 !== page.digest) problems.push(msg.msgDigest);
    if (result.entries !== page.entries) problems.push(msg.msgEntries);
    var names = page.prizes.map(function (p) { return p[0]; });
    result.prizes.forEach(function (prize, i) {
      var mine = page.prizes[i];
      if (!mine || mine[0] !== prize[0] || !same(mine[1], prize[1])) problems.push(msg.msgPrize + " " + prize[0]);
    });
    if (names.length !== result.prizes.length) problems.push(msg.msgPrize + " " + names.join("、"));
    if (!same(result.waiting, page.waiting)) problems.push(msg.msgWaiting);
    if (problems.length) return say(msg.msgMismatch + " " + problems.join("；") + "。", false);
    say(msg.msgMatch, true);
  }

  button.addEventListener("click", function () {
    out.className = "draw-verify-result";
    out.removeAttribute("data-verdict");
    out.textContent = msg.msgRunning;
    button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", msg.listUrl);
    xhr.responseType = "arraybuffer";
    xhr.onload = function () {
      button.disabled = false;
      if (xhr.status !== 200) return say(msg.msgFailed, false);
      // Let the "running" line paint before the hashing (a few thousand SHA-256s).
      setTimeout(function () { compare(new Uint8Array(xhr.response)); }, 20);
    };
    xhr.onerror = function () {
      button.disabled = false;
      say(msg.msgFailed, false);
    };
    xhr.send();
  });
})();
