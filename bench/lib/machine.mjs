// Describes the machine a benchmark ran on, for the report.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Returns the CPU model, core count, memory, Node version and date. */
export function describeMachine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  return {
    cpuModel: model.trim(),
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}

/** Formats the machine description as Markdown list items. */
export function machineMarkdown(machine, command) {
  return [
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB memory, ${machine.platform}`,
    `- Node.js ${machine.node}`,
    `- Date: ${machine.date}`,
    `- Command: \`${command}\``,
  ].join('\n');
}
