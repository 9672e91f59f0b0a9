// Reads a process's CPU time and memory from /proc (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicksPerSecond;

function clockTicks() {
  clockTicksPerSecond ??= Number(
    execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
  );
  return clockTicksPerSecond;
}

/** Returns the user plus system CPU time of a process, in seconds. */
export function readCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in brackets may contain spaces, so fields are counted
  // from the closing bracket: utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / clockTicks();
}

/** Returns a field of /proc/<pid>/status in bytes, such as VmHWM or VmRSS. */
export function readStatusBytes(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (match === null) throw new Error(`${field} not found for process ${pid}`);
  return Number(match[1]) * 1024;
}
