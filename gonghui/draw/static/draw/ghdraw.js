/* GH-DRAW-1 (fair-draw.md) in the browser, with the vendored js-sha256: no Web Crypto, which
 * plain-HTTP intranets do not have. Pure functions over bytes; the page script is verify.js.
 * In Node (the tests) the module exports a factory taking the sha256 function. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    root.GhDraw = factory(root.sha256);
  }
})(typeof self !== "undefined" ? self : this, function (sha256) {
  "use strict";

  function utf8(text) {
    return Array.from(new TextEncoder().encode(text));
  }

  function isUtf8(bytes) {
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      return true;
    } catch (e) {
      return false;
    }
  }

  /* N for a valid frozen list, or an object {error, line} naming the broken rule. */
  function checkList(bytes) {
    var n = bytes.length;
    if (n === 0) return { error: "empty", line: 0 };
    if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      return { error: "bom", line: 1 };
    }
    if (!isUtf8(bytes)) return { error: "not_utf8", line: 0 };
    var expected = 1;
    var start = 0;
    for (var i = 0; i < n; i++) {
      if (bytes[i] === 0x0d) return { error: "carriage_return", line: expected };
      if (bytes[i] !== 0x0a) continue;
      if (i === start) return { error: "blank_line", line: expected };
      var prefix = String(expected) + ",";
      for (var j = 0; j < prefix.length; j++) {
        if (start + j >= i || bytes[start + j] !== prefix.charCodeAt(j)) {
          return { error: "bad_number", line: expected };
        }
      }
      expected += 1;
      start = i + 1;
    }
    if (start !== n) return { error: "no_final_newline", line: expected };
    return expected - 1;
  }

  /* The draw: {list_sha256, entries, algorithm, prizes: [[name, [n...]]...], waiting}. */
  function draw(bytes, seed, prizes) {
    var entries = checkList(bytes);
    if (typeof entries !== "number") return entries;
    var digest = sha256.hex(bytes);
    var key = sha256.array(utf8(seed).concat([0x0a], utf8(digest)));
    var scored = [];
    for (var k = 1; k <= entries; k++) {
      scored.push({ n: k, score: sha256.hex(key.concat(utf8(String(k)))) });
    }
    // Equal-length lower-case hex strings compare as the big-endian integers they spell.
    scored.sort(function (a, b) {
      if (a.score < b.score) return -1;
      if (a.score > b.score) return 1;
      return a.n - b.n;
    });
    var order = scored.map(function (s) { return s.n; });
    var given = [];
    var taken = 0;
    (prizes || []).forEach(function (prize) {
      var part = order.slice(taken, taken + prize[1]);
      given.push([prize[0], part]);
      taken += part.length;
    });
    return {
      list_sha256: digest,
      entries: entries,
      algorithm: "GH-DRAW-1",
      prizes: given,
      waiting: order.slice(taken)
    };
  }

  return { checkList: checkList, draw: draw };
});
