/**
 * An ASL definition as a graph: one node per top-level state (a Parallel or Map is one node with its branch
 * count), edges for Next, Choice branches, Default and Catch, laid out top-down with dagre. Pure, so tests can
 * check it as data.
 */
import dagre from '@dagrejs/dagre';
import type { AslDefinition, AslState } from '../api/types';

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphNode {
  id: string;
  type: string;
  /** A human step: a `.waitForTaskToken` task on cp-open-task. */
  human: boolean;
  terminal: boolean;
  start: boolean;
  formId?: string;
  branches?: number;
  x: number;
  y: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  label?: string;
}

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 56;

function isHuman(s: AslState): boolean {
  const resource = typeof s.Resource === 'string' ? s.Resource : '';
  return s.Type === 'Task' && resource.endsWith('.waitForTaskToken');
}

function formIdOf(s: AslState): string | undefined {
  const payload = (s.Parameters as { Payload?: Record<string, unknown> } | undefined)?.Payload;
  return typeof payload?.formId === 'string' ? payload.formId : undefined;
}

function choiceLabel(rule: Record<string, unknown>): string {
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '';
  const op = Object.keys(rule).find((k) => k !== 'Variable' && k !== 'Next');
  if (!op) return variable;
  const value = rule[op];
  return `${variable} ${op} ${typeof value === 'object' ? '…' : String(value)}`.trim();
}

export function edgesOf(def: AslDefinition): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const add = (source: string, target: string | undefined, kind: EdgeKind, label?: string) => {
    if (!target) return;
    edges.push({
      id: `${source}->${target}:${kind}:${edges.length}`,
      source,
      target,
      kind,
      ...(label ? { label } : {}),
    });
  };
  for (const [name, s] of Object.entries(def.States ?? {})) {
    add(name, s.Next, 'next');
    for (const rule of s.Choices ?? [])
      add(name, rule.Next, 'choice', choiceLabel(rule as Record<string, unknown>));
    add(name, s.Default, 'default', 'Default');
    for (const c of s.Catch ?? []) add(name, c.Next, 'catch', (c.ErrorEquals ?? []).join(', '));
  }
  return edges;
}

/** Nodes and edges with positions (top-left corners), ready for @xyflow/react. */
export function layoutGraph(def: AslDefinition): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const states = def.States ?? {};
  const edges = edgesOf(def).filter((e) => e.source in states && e.target in states);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 60 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const name of Object.keys(states)) g.setNode(name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges) g.setEdge(e.source, e.target, { weight: e.kind === 'catch' ? 1 : 3 }, e.id);
  dagre.layout(g);
  const nodes = Object.entries(states).map(([name, s]): GraphNode => {
    const pos = g.node(name) as { x: number; y: number } | undefined;
    const branches = s.Branches?.length ?? (s.ItemProcessor || s.Iterator ? 1 : undefined);
    const formId = formIdOf(s);
    return {
      id: name,
      type: s.Type,
      human: isHuman(s),
      terminal: s.End === true || s.Type === 'Succeed' || s.Type === 'Fail',
      start: def.StartAt === name,
      ...(formId ? { formId } : {}),
      ...(branches !== undefined ? { branches } : {}),
      x: (pos?.x ?? 0) - NODE_WIDTH / 2,
      y: (pos?.y ?? 0) - NODE_HEIGHT / 2,
    };
  });
  return { nodes, edges };
}

/** The top-level state a problem path points into: `/States/Review/TimeoutSeconds` → `Review`. */
export function stateOfPath(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[1] !== 'States' || !parts[2]) return undefined;
  return parts[2].replace(/~1/g, '/').replace(/~0/g, '~');
}

/** States reachable from StartAt (the others are drawn faded). */
export function reachable(def: AslDefinition): Set<string> {
  const seen = new Set<string>();
  const edges = edgesOf(def);
  const stack = def.StartAt ? [def.StartAt] : [];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const e of edges) if (e.source === s) stack.push(e.target);
  }
  return seen;
}
