// What every command prints, independent of the output format: the data (for -o json|yaml)
// and the blocks a person reads (for -o table). Commands build a Report; this file renders it.
import { stringify } from 'yaml';
import type { OutputFormat } from '../flags.js';
import { renderTable, type Table } from './table.js';

/** `label: value` lines, aligned, like `kubectl describe`. */
export interface FieldsBlock {
  type: 'fields';
  title?: string;
  fields: readonly (readonly [string, string])[];
}

/** A table; `empty` is printed instead when it has no rows. */
export interface TableBlock {
  type: 'table';
  title?: string;
  table: Table;
  empty: string;
}

/** Free lines (messages such as "account acme created"). */
export interface LinesBlock {
  type: 'lines';
  lines: readonly string[];
}

export type Block = FieldsBlock | TableBlock | LinesBlock;

export interface Report {
  /** Printed as is for json / yaml: the objects (managedFields removed), or a report object. */
  data: unknown;
  blocks: readonly Block[];
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');

function renderFields(block: FieldsBlock): string {
  const width = Math.max(0, ...block.fields.map(([label]) => label.length + 1));
  return block.fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}\n`).join('');
}

const blockRenderers: { [T in Block['type']]: (block: Extract<Block, { type: T }>) => string } = {
  fields: renderFields,
  table: (block) => (block.table.rows.length === 0 ? `${block.empty}\n` : renderTable(block.table)),
  lines: (block) => block.lines.map((line) => `${line}\n`).join(''),
};

function renderBlock(block: Block): string {
  const body = (blockRenderers[block.type] as (b: Block) => string)(block);
  const title = 'title' in block ? block.title : undefined;
  return title === undefined ? body : `${title}:\n${indent(body)}`;
}

const formatRenderers: Record<OutputFormat, (report: Report) => string> = {
  table: (report) => report.blocks.map(renderBlock).join('\n'),
  json: (report) => `${JSON.stringify(report.data, null, 2)}\n`,
  yaml: (report) => stringify(report.data),
};

/** The report as the text to print on stdout. */
export function renderReport(report: Report, format: OutputFormat): string {
  return formatRenderers[format](report);
}

/** A Kubernetes object as we print it: without metadata.managedFields (kubectl hides them too). */
export function forOutput<T>(obj: T): T {
  const meta = (obj as { metadata?: Record<string, unknown> }).metadata;
  if (meta === undefined || !('managedFields' in meta)) return obj;
  const rest = { ...meta };
  delete rest.managedFields;
  return { ...obj, metadata: rest };
}

/** A list of objects as kubectl prints one (`kubectl apply -f` reads it back). */
export function asList(items: readonly unknown[]): unknown {
  return { apiVersion: 'v1', kind: 'List', items: items.map(forOutput) };
}
