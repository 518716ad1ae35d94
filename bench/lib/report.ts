/**
 * What every measurement hands back, the JSON written for it, and the one table printed at the end.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem, type as osType, arch } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/** One number the bench reports, with its target when it has one. */
export interface Figure {
  /** Stable id, e.g. `pop.short-1000.p95`. */
  id: string;
  /** Short label for the table. */
  label: string;
  /** The figure itself (the one the target is about); null when it could not be measured. */
  value: number | null;
  unit: string;
  /** How it is shown in the table when more than `value` matters, e.g. `612 / 1043 / 1090`. */
  shown?: string;
  /** The target in words, e.g. `p95 ≤ 1100 ms`; absent for figures given for information. */
  target?: string;
  /** Whether the target is met; null when it could not be decided. */
  met?: boolean | null;
  note?: string;
}

export interface Measurement {
  name: string;
  title: string;
  figures: Figure[];
  /** Raw numbers behind the figures (per call, per step…). */
  details: Record<string, unknown>;
  /** What to know when reading the figures (what was not possible, how something was forced). */
  notes: string[];
  /** Wall time the measurement took (ms). */
  durationMs?: number;
  /** os.loadavg() (1, 5, 15 min) before and after: other work on the machine skews timings. */
  loadAverage?: { before: number[]; after: number[] };
}

export interface Environment {
  date: string;
  machine: { os: string; arch: string; cpus: number; cpuModel: string; memoryBytes: number; freeMemoryBytes: number };
  versions: { node: string; chromium: string; playwright: string; lit: string; vite: string; typescript: string; package: string };
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return json.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export function environment(chromiumVersion: string): Environment {
  const cpuList = cpus();
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return {
    date: new Date().toISOString(),
    machine: {
      os: `${osType()} ${release()}`,
      arch: arch(),
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      memoryBytes: totalmem(),
      freeMemoryBytes: freemem(),
    },
    versions: {
      node: process.version,
      chromium: chromiumVersion,
      playwright: packageVersion('playwright'),
      lit: packageVersion('lit'),
      vite: packageVersion('vite'),
      typescript: packageVersion('typescript'),
      package: own.version,
    },
  };
}

export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export function writeMeasurement(env: Environment, m: Measurement): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${m.name}.json`);
  writeFileSync(file, `${JSON.stringify({ ...env, ...m }, null, 2)}\n`);
  return file;
}

export function writeSummary(env: Environment, measurements: Measurement[], extra: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, 'summary.json');
  const figures = measurements.flatMap((m) => m.figures.map((f) => ({ measurement: m.name, ...f })));
  const withTarget = figures.filter((f) => f.target !== undefined);
  const summary = {
    ...env,
    ...extra,
    targets: {
      total: withTarget.length,
      met: withTarget.filter((f) => f.met === true).length,
      missed: withTarget.filter((f) => f.met === false).map((f) => f.id),
      undecided: withTarget.filter((f) => f.met !== true && f.met !== false).map((f) => f.id),
    },
    measurements: measurements.map((m) => ({ name: m.name, title: m.title, durationMs: m.durationMs, loadAverage: m.loadAverage, notes: m.notes })),
    figures,
  };
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}

export function formatNumber(value: number | null, unit = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const text = abs >= 1000 ? Math.round(value).toLocaleString('en-US') : abs >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
  return unit ? `${text} ${unit}` : text;
}

function cell(f: Figure): string {
  return f.shown ?? formatNumber(f.value, f.unit);
}

/** The one table: measurement, figure, value, target, met. */
export function renderTable(measurements: Measurement[]): string {
  const rows: string[][] = [['#', 'figure', 'value', 'target', 'ok']];
  for (const m of measurements) {
    for (const f of m.figures) {
      const ok = f.target === undefined ? '' : f.met === true ? 'yes' : f.met === false ? 'NO' : '?';
      rows.push([m.name, f.label, cell(f), f.target ?? '', ok]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}
