// The few numbers the demo's summary takes from the apps' /metrics: Prometheus text format in,
// samples out. Only what the summary needs (counters and gauges); histogram series parse too
// but nothing reads them.

export interface Sample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of (text ?? '').matchAll(labelPair)) {
    labels[m[1] ?? ''] = unescape(m[2] ?? '');
  }
  return labels;
}

/** Every sample of an exposition; comments, blank and malformed lines are skipped. */
export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = sampleLine.exec(line);
    const value = Number(m?.[3]);
    if (!m?.[1] || Number.isNaN(value)) continue;
    samples.push({ name: m[1], labels: parseLabels(m[2]), value });
  }
  return samples;
}

/** The sum of a metric's samples whose labels include `match`. */
export function total(
  samples: readonly Sample[],
  name: string,
  match: Readonly<Record<string, string>> = {},
): number {
  return samples
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** label value -> sum, for one label of one metric (e.g. IDs allocated by kind). */
export function totalsBy(
  samples: readonly Sample[],
  name: string,
  label: string,
): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const s of samples.filter((x) => x.name === name)) {
    const key = s.labels[label] ?? '';
    sums[key] = (sums[key] ?? 0) + s.value;
  }
  return sums;
}
