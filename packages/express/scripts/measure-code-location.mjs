// Measures what code locations cost: the script map refresh (Debugger
// enable and disable), the first lookup of a function, and a cached lookup.
// Run after a build: node packages/express/scripts/measure-code-location.mjs
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { CodeLocator } = require('../dist/src/code-locator.js');
const { ScriptUrls } = require('../dist/src/script-urls.js');
const { connectInspector } = require('../dist/src/inspector-session.js');

// Load what a traced Express service loads, so the script count is realistic.
require('@opentelemetry/sdk-trace-node');
require('@tracegate/http');
const express = require('express');

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return {
    meanMs: Number(mean.toFixed(4)),
    p50Ms: Number(quantile(sorted, 0.5).toFixed(4)),
    p99Ms: Number(quantile(sorted, 0.99).toFixed(4)),
  };
}

const session = connectInspector();
const scripts = new ScriptUrls(session);
const refreshes = [];
for (let round = 0; round < 10; round++) {
  const started = performance.now();
  scripts.refresh();
  refreshes.push(performance.now() - started);
}
let scriptCount = 0;
session.on('Debugger.scriptParsed', () => scriptCount++);
session.post('Debugger.enable');
session.post('Debugger.disable');

// Distinct functions from loaded modules: the middleware express exports.
const functions = [];
for (const entry of Object.values(require.cache)) {
  const exports = entry?.exports;
  if (exports === null || typeof exports !== 'object') continue;
  // Descriptors, not values: some exports are getters with side effects.
  for (const { value } of Object.values(
    Object.getOwnPropertyDescriptors(exports),
  )) {
    if (typeof value === 'function') functions.push(value);
  }
}
functions.push(express.json, express.urlencoded, express.Router);

const locator = new CodeLocator();
locator.locate(() => undefined);
const firstLookups = [];
for (const fn of new Set(functions)) {
  const started = performance.now();
  locator.locate(fn);
  firstLookups.push(performance.now() - started);
}

const target = functions[0];
const cachedCalls = 100_000;
const started = performance.now();
for (let index = 0; index < cachedCalls; index++) locator.locate(target);
const cachedNs = ((performance.now() - started) * 1e6) / cachedCalls;

console.log(
  JSON.stringify(
    {
      node: process.version,
      loadedScripts: scriptCount,
      scriptMapRefresh: summarize(refreshes),
      firstLookup: {
        functions: firstLookups.length,
        ...summarize(firstLookups),
      },
      cachedLookupNs: Number(cachedNs.toFixed(1)),
    },
    null,
    2,
  ),
);
