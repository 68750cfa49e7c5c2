/**
 * The workflow drawn with @xyflow/react over the dagre layout: human steps stand out, visited states (a dry
 * run's path or a case's history) are filled, the current ones outlined, and states with validation problems
 * carry a red badge with the count. Clicking a state selects it (the designer jumps to it in the editor).
 */
import '@xyflow/react/dist/style.css';
import PersonIcon from '@mui/icons-material/Person';
import Box from '@mui/material/Box';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import { Background, Controls, Handle, MarkerType, Position, ReactFlow } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { AslDefinition } from '../api/types';
import { useI18n } from '../i18n/I18nContext';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, reachable } from './graph';

interface StateData extends Record<string, unknown> {
  name: string;
  type: string;
  human: boolean;
  visited: boolean;
  current: boolean;
  problems: number;
  unreachable: boolean;
  formId?: string;
  selected: boolean;
}

const StateNode = memo(function StateNode({ data }: NodeProps<Node<StateData>>) {
  const bg = data.visited ? '#c8e6c9' : data.human ? '#e3f2fd' : '#fafafa';
  const border = data.problems ? '#d32f2f' : data.current ? '#ef6c00' : data.selected ? '#2e7d32' : '#9e9e9e';
  return (
    <Box
      data-testid={`state-${data.name}`}
      data-visited={data.visited || undefined}
      data-problems={data.problems || undefined}
      sx={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        border: `2px ${data.current ? 'dashed' : 'solid'} ${border}`,
        borderRadius: data.type === 'Choice' ? '28px' : '6px',
        bgcolor: bg,
        opacity: data.unreachable ? 0.5 : 1,
        px: 1,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        position: 'relative',
        fontSize: 12,
        lineHeight: 1.3,
      }}
      title={data.formId ? `${data.name} · ${data.formId}` : data.name}
    >
      <Handle type="target" position={Position.Top} style={{ visibility: 'hidden' }} />
      <Box sx={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {data.name}
      </Box>
      <Box
        sx={{ color: 'text.secondary', display: 'flex', alignItems: 'center', gap: 0.5, overflow: 'hidden' }}
      >
        {data.human && <PersonIcon sx={{ fontSize: 14 }} aria-label="human step" />}
        <span style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {data.type}
          {data.formId ? ` · ${data.formId}` : ''}
        </span>
      </Box>
      {data.problems > 0 && (
        <Box
          sx={{
            position: 'absolute',
            top: -10,
            right: -10,
            bgcolor: 'error.main',
            color: '#fff',
            borderRadius: '10px',
            minWidth: 20,
            height: 20,
            fontSize: 12,
            textAlign: 'center',
            lineHeight: '20px',
          }}
        >
          {data.problems}
        </Box>
      )}
      <Handle type="source" position={Position.Bottom} style={{ visibility: 'hidden' }} />
    </Box>
  );
});

const nodeTypes = { state: StateNode };

export interface WorkflowGraphProps {
  definition: AslDefinition;
  visited?: readonly string[];
  current?: readonly string[];
  problems?: Readonly<Record<string, number>>;
  selected?: string;
  onSelect?(state: string): void;
  height?: number;
}

export default function WorkflowGraph({
  definition,
  visited = [],
  current = [],
  problems = {},
  selected,
  onSelect,
  height = 480,
}: WorkflowGraphProps) {
  const { t } = useI18n();
  const layout = useMemo(() => layoutGraph(definition), [definition]);
  const live = useMemo(() => reachable(definition), [definition]);
  const nodes = useMemo<Node<StateData>[]>(
    () =>
      layout.nodes.map((n) => ({
        id: n.id,
        type: 'state',
        position: { x: n.x, y: n.y },
        data: {
          name: n.id,
          type: n.type,
          human: n.human,
          visited: visited.includes(n.id),
          current: current.includes(n.id),
          problems: problems[n.id] ?? 0,
          unreachable: !live.has(n.id),
          selected: selected === n.id,
          ...(n.formId ? { formId: n.formId } : {}),
        },
      })),
    [layout, visited, current, problems, live, selected],
  );
  const edges = useMemo<Edge[]>(() => {
    const path = new Set<string>();
    for (let i = 0; i + 1 < visited.length; i++) path.add(`${visited[i]}->${visited[i + 1]}`);
    return layout.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.label ? { label: e.label } : {}),
      markerEnd: { type: MarkerType.ArrowClosed },
      animated: path.has(`${e.source}->${e.target}`),
      style: {
        stroke: e.kind === 'catch' ? '#d32f2f' : path.has(`${e.source}->${e.target}`) ? '#2e7d32' : '#757575',
        strokeDasharray: e.kind === 'catch' ? '4 3' : undefined,
        strokeWidth: path.has(`${e.source}->${e.target}`) ? 2.5 : 1.5,
      },
      labelStyle: { fontSize: 10 },
    }));
  }, [layout, visited]);
  return (
    <Box
      sx={{ height, border: 1, borderColor: 'divider', borderRadius: 1 }}
      role="figure"
      aria-label={t('designer.graph')}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={!!onSelect}
        onNodeClick={(_, node) => onSelect?.(node.id)}
        minZoom={0.2}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
