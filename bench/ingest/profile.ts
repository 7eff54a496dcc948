/** Where the API's CPU time goes: a summary of a V8 `.cpuprofile` written by `node --cpu-prof`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byArea: [string, number][];
  topFunctions: [string, number][];
  /** Inclusive time of the write path's main steps. */
  steps: [string, number][];
}

/** Groups a frame by package (node_modules/<pkg>), or by V8/Node internals, or as app code. */
export function areaOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8/native (program)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  if (url === '') return functionName === 'parse' || functionName === 'stringify' ? `JSON.${functionName}` : 'native';
  return 'app (dist/apps/api/main.js)';
}

/** Function names whose inclusive time is reported (the write path's main steps). */
const STEPS = [
  'jsonParser',
  'validateBatchItems',
  'plainToInstance',
  'validateSync',
  'findUnstorableText',
  'write',
  'query',
  'handleDataRow',
  'parseRow',
  'stringify',
];

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const inclusive = new Map<number, number>();
  const total = (id: number): number => {
    const known = inclusive.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const value = (self.get(id) ?? 0) + (node?.children ?? []).reduce((sum, child) => sum + total(child), 0);
    inclusive.set(id, value);
    return value;
  };
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    const area = areaOf(node.callFrame);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const name = `${node.callFrame.functionName || '(anonymous)'} [${area}]`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  // Inclusive time per step name, counting only the outermost frame of each name on a stack.
  const steps = new Map<string, number>();
  const walk = (id: number, open: Set<string>) => {
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    const counted = STEPS.includes(name) && !open.has(name);
    if (counted) steps.set(name, (steps.get(name) ?? 0) + total(id));
    const next = counted ? new Set([...open, name]) : open;
    for (const child of node.children ?? []) walk(child, next);
  };
  walk(profile.nodes[0].id, new Set());
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    byArea: sorted(areas),
    topFunctions: sorted(functions).slice(0, 25),
    steps: sorted(steps),
  };
}

export function readLatestProfile(dir: string): CpuProfile {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  if (files.length === 0) throw new Error(`No .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(join(dir, files[files.length - 1]), 'utf8')) as CpuProfile;
}

export function printProfile(summary: ProfileSummary): void {
  const line = ([name, ms]: [string, number]) =>
    `    ${(ms / 1000).toFixed(1).padStart(7)} s  ${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)}%  ${name}`;
  console.log(`\nAPI CPU profile (${(summary.totalMs / 1000).toFixed(1)} s of wall time in the API process)`);
  console.log('  self time by area:');
  summary.byArea.slice(0, 15).forEach((entry) => console.log(line(entry)));
  console.log('  inclusive time of write-path steps (main thread):');
  summary.steps.forEach((entry) => console.log(line(entry)));
  console.log('  top functions (self time):');
  summary.topFunctions.forEach((entry) => console.log(line(entry)));
}
