// Runs static/draw/ghdraw.js under Node with the vendored js-sha256 forced onto its pure
// JavaScript path (as in a browser). argv: the vendor file, ghdraw.js, then a JSON job file
// [{file, seed, prizes: [[name, count]...]}...]; prints one JSON array of results.
// js-sha256 reads its switches from `window` when there is one: this keeps it off Node's
// crypto module, so the hashing under test is the same JavaScript a browser runs.
globalThis.window = { JS_SHA256_NO_NODE_JS: true };
const fs = require("fs");
const sha256 = require(process.argv[2]);
const GhDraw = require(process.argv[3])(sha256.sha256 || sha256);
const jobs = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const out = jobs.map((job) => {
  const bytes = new Uint8Array(fs.readFileSync(job.file));
  return GhDraw.draw(bytes, job.seed, job.prizes);
});
process.stdout.write(JSON.stringify(out));
