/** The machine a run was made on, and the Markdown entry appended to docs/benchmarks.md. */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { markdownTable } from './stats.mjs';

export function machine(chromium) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    chromium,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

export function machineLine(m) {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGB.toFixed(1)} GB RAM, ${m.os}, ${m.chromium}, Node ${m.node}; load average at start ${m.load}`;
}

const HEADER = `# Benchmarks

Figures from \`npm run bench\` (scripts/bench.mjs). Each run appends an entry at the end of
this file. How the figures are measured is described in the "Method" section; runs are
listed oldest first.
`;

export async function appendRun(file, { title, when, machine: m, table, details, sections = [], notes }) {
  // A first run starts the file with the method description.
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (!existing) await writeFile(file, HEADER);
  const entry = [
    '',
    `## ${title}: ${when.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    '',
    `Machine: ${machineLine(m)}.`,
    '',
    markdownTable(table.header, table.rows),
    '',
    ...(details ? ['<details><summary>Raw figures</summary>', '', markdownTable(details.header, details.rows), '', '</details>', ''] : []),
    ...sections.flatMap((t) => [`**${t.title}**`, '', markdownTable(t.header, t.rows), '']),
    ...(notes?.length ? notes.map((n) => `- ${n}`).concat(['']) : []),
  ].join('\n');
  await appendFile(file, entry);
}
