#!/usr/bin/env node
/*
 * npm's `preinstall`: stops `npm install` on a Node outside package.json's engines.node with one
 * clear line, before an old Node fails obscurely later (wxt prepare, vitest, Playwright).
 * Dependency-free and old-syntax on purpose: it must run on the very Nodes it rejects.
 * Supports the comparators npm ranges use most: >=, >, <=, <, =, ^, ~, bare versions, "x" parts,
 * space-separated (and) and || (or).
 */
'use strict';

function parse(v) {
  var parts = String(v).trim().replace(/^v/, '').split('-')[0].split('.');
  var out = [];
  for (var i = 0; i < 3; i++) {
    var p = parts[i];
    out.push(p === undefined || p === '' || p === 'x' || p === 'X' || p === '*' ? null : Number(p));
  }
  return out;
}

function cmp(a, b) {
  for (var i = 0; i < 3; i++) {
    var x = a[i] || 0;
    var y = b[i] || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether `version` satisfies one comparator such as ">=20.12.0", "^20.12", "20.x". */
function satisfiesOne(version, comparator) {
  var m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(comparator);
  if (!m) return false;
  var op = m[1] || '';
  var want = parse(m[2]);
  var v = parse(version);
  var c = cmp(v, want);
  if (op === '>=') return c >= 0;
  if (op === '>') return c > 0;
  if (op === '<=') return c <= 0;
  if (op === '<') return c < 0;
  if (op === '^' || op === '~') {
    // ^: same major (same minor for 0.x); ~: same major.minor (when given)
    var lockMinor = op === '~' ? want[1] !== null : want[0] === 0;
    return c >= 0 && v[0] === want[0] && (!lockMinor || v[1] === want[1]);
  }
  // bare or "=": every given part must match (20 = 20.x.x)
  for (var i = 0; i < 3; i++) if (want[i] !== null && want[i] !== v[i]) return false;
  return true;
}

/** Whether `version` is in the npm-style `range`. */
function satisfies(version, range) {
  return String(range).split('||').some(function (alt) {
    var comparators = alt.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comparators.length > 0 && comparators.every(function (c) { return satisfiesOne(version, c); });
  });
}

/** { ok, message } for this Node version against the engines range. */
function check(version, range) {
  if (!range || satisfies(version, range)) return { ok: true, message: '' };
  return {
    ok: false,
    message:
      'Recotap Lens needs Node ' + range + ' (package.json "engines"), but this is Node ' + version + '. ' +
      'Install a supported Node (for example `nvm install 20`, or https://nodejs.org) and run `npm install` again.',
  };
}

module.exports = { satisfies: satisfies, check: check };

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose: runs on any Node, before any dependency exists
  var range = require('../package.json').engines.node;
  var result = check(process.versions.node, range);
  if (!result.ok) {
    console.error('\n' + result.message + '\n');
    process.exit(1);
  }
}
