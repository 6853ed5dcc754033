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

  /* Strict UTF-8 as Python decodes it: no overlong forms, no surrogates, nothing past
   * U+10FFFF. (TextDecoder is missing from some older phone browsers.) */
  function isUtf8(b) {
    var i = 0;
    var n = b.length;
    while (i < n) {
      var c = b[i];
      if (c < 0x80) {
        i += 1;
        continue;
      }
      var need;
      if (c >= 0xc2 && c <= 0xdf) need = 1;
      else if (c >= 0xe0 && c <= 0xef) need = 2;
      else if (c >= 0xf0 && c <= 0xf4) need = 3;
      else return false;
      var lo = 0x80;
      var hi = 0xbf;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
      else if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
      for (var k = 1; k <= need; k++) {
        if (i + k >= n) return false;
        var d = b[i + k];
        if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return false;
      }
      i += need + 1;
    }
    return true;
  }

  /* N for a valid frozen list, or {error, line} naming the broken rule, checked in the
   * same order as the server (engine.parse_list) so both name the same fault. */
  function checkList(bytes) {
    var n = bytes.length;
    var i;
    if (n === 0) return { error: "empty", line: 0 };
    if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      return { error: "bom", line: 1 };
    }
    if (!isUtf8(bytes)) return { error: "not_utf8", line: 0 };
    var line = 1;
    for (i = 0; i < n; i++) {
      if (bytes[i] === 0x0d) return { error: "carriage_return", line: line };
      if (bytes[i] === 0x0a) line += 1;
    }
    if (bytes[n - 1] !== 0x0a) return { error: "no_final_newline", line: line };
    var expected = 1;
    var start = 0;
    for (i = 0; i < n; i++) {
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
    return expected - 1;
  }

  /* The draw: {list_sha256, entries, algorithm, prizes: [[name, [n...]]...], waiting}. */
  function draw(bytes, seed, prizes) {
    var entries = checkList(bytes);
    if (typeof entries !== "number") return entries;
    var digest = sha256.hex(bytes);
    // js-sha256 encodes text as UTF-8: this is SHA-256(UTF-8(seed) + "\n" + UTF-8(digest)).
    var key = sha256.array(seed + "\n" + digest);
    var scored = [];
    for (var k = 1; k <= entries; k++) {
      scored.push({ n: k, score: sha256.create().update(key).update(String(k)).hex() });
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
