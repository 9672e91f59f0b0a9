// Summarises a V8 .cpuprofile by self time per function and per component.

/**
 * Returns the total sampled time, the top `limit` functions by self time
 * and the self time of each component (Tracegate package, OpenTelemetry,
 * other npm package, Node.js core, garbage collector, idle), all in ms.
 */
export function summariseProfile(profile, limit = 15) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  // timeDeltas[i] is the time from sample i - 1 to sample i. Charging it to
  // sample i is an estimate, because V8 does not say which sample it covers.
  profile.samples.forEach((id, index) => {
    const delta = Math.max(0, profile.timeDeltas[index] ?? 0);
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });

  const byFunction = new Map();
  const byComponent = new Map();
  let totalMicros = 0;
  for (const [id, micros] of selfMicros) {
    const frame = nodes.get(id).callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const component = componentOf(frame);
    byComponent.set(component, (byComponent.get(component) ?? 0) + micros);
    totalMicros += micros;
  }
  const ranked = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({
        name,
        selfMs: micros / 1000,
        share: micros / totalMicros,
      }));
  return {
    totalMs: totalMicros / 1000,
    functions: ranked(byFunction, limit),
    components: ranked(byComponent, Infinity),
  };
}

/** Returns the component a call frame belongs to, for the breakdown. */
export function componentOf(frame) {
  const url = frame.url;
  if (frame.functionName.startsWith('RegExp: ')) return 'regular expressions';
  if (url === '') {
    if (frame.functionName === '(garbage collector)')
      return 'garbage collector';
    if (frame.functionName === '(idle)') return 'idle';
    if (frame.functionName === '(program)') return 'V8 and native (program)';
    return 'native and built-ins';
  }
  if (url.startsWith('node:')) return 'Node.js core';
  const tracegate = /\/packages\/([^/]+)\//.exec(url);
  if (tracegate && !url.includes('/node_modules/')) {
    return `@tracegate/${tracegate[1]}`;
  }
  const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  return 'benchmark app';
}

function shortUrl(url) {
  const nodeModules = url.lastIndexOf('/node_modules/');
  if (nodeModules !== -1)
    return url.slice(nodeModules + '/node_modules/'.length);
  const packages = url.indexOf('/packages/');
  if (packages !== -1) return url.slice(packages + 1);
  return url.replace(/^file:\/\//, '');
}
