/**
 * The flow diagram canvas (@xyflow/react): positions from ELK, fit to view, zoom controls and a minimap.
 * Selecting a node (click, or Tab then Enter) shows what it is and a link to open it.
 */
import { Alert, Paper, Select, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Background, Controls, MarkerType, MiniMap, Panel, ReactFlow, useReactFlow, useStore, type Node, type OnSelectionChangeParams } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { IconSearch } from '@tabler/icons-react';
import { LoadingState } from '../../ui/loading-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { layoutGraph } from './elk-layout.js';
import { NODE_HEIGHT, NODE_WIDTH, type GraphEdge, type GraphNode } from './flow-graph.js';
import classes from './flow-diagram.module.css';
import { EDGE_TYPES, EPHI_COLOUR, FAR_ZOOM, NODE_TYPES, nodeDescription, PLAIN_COLOUR, RISKY_COLOUR, type FlowEdge } from './flow-nodes.js';
import { assetMessages as m } from './messages.js';

type LaidOut = { nodes: Node[]; edges: FlowEdge[] };

function toFlowEdges(edges: GraphEdge[]): FlowEdge[] {
  return edges.map((edge) => {
    const colour = edge.data.risks.length ? RISKY_COLOUR : edge.data.hasEphi ? EPHI_COLOUR : PLAIN_COLOUR;
    return { id: edge.id, source: edge.source, target: edge.target, type: 'flow', data: edge.data, markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 18, height: 18 }, ariaLabel: edge.data.label, focusable: false };
  });
}

function SelectedPanel({ orgId, node }: { orgId: string; node: GraphNode }) {
  const data = node.data;
  return (
    <Panel position="top-right">
      <Paper withBorder shadow="sm" radius="md" p="sm" maw={280} data-testid="diagram-selection">
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {data.label}
          </Text>
          {data.kind === 'asset' ? (
            <>
              <Text size="xs">
                {[data.typeLabel, data.criticality ? m.criticalityBadge(m.criticality[data.criticality] ?? data.criticality) : null, data.handlesEphi ? m.ephiYes : null].filter(Boolean).join(' · ')}
              </Text>
              <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: data.assetId }} search={{ tab: 'flows' }} size="sm">
                {m.openAsset(data.label)}
              </RouterAnchor>
            </>
          ) : (
            <Text size="xs">{m.externalParty}</Text>
          )}
        </Stack>
      </Paper>
    </Panel>
  );
}

/** Tells the canvas when it is zoomed far out, so nodes show their names only, larger. */
function ZoomWatcher({ onFar }: { onFar: (isFar: boolean) => void }) {
  const isFar = useStore((state) => state.transform[2] < FAR_ZOOM);
  useEffect(() => onFar(isFar), [isFar, onFar]);
  return null;
}

/** With hundreds of nodes, the quickest way in: pick a name, the diagram centres on it and selects it. */
function FindNode({ options }: { options: { value: string; label: string }[] }) {
  const flow = useReactFlow();
  return (
    <Panel position="top-left">
      <Select
        aria-label={m.findNode}
        placeholder={m.findNode}
        data={options}
        searchable
        clearable
        limit={50}
        w={260}
        leftSection={<IconSearch size={16} aria-hidden />}
        comboboxProps={{ withinPortal: true }}
        onChange={(id) => {
          if (!id) return;
          flow.setNodes((nodes) => nodes.map((node) => ({ ...node, selected: node.id === id })));
          void flow.fitView({ nodes: [{ id }], maxZoom: 1.1, minZoom: 0.8, duration: 400 });
        }}
        data-testid="diagram-find"
      />
    </Panel>
  );
}

export function Legend() {
  return (
    <div className={classes.legend} aria-label={m.legendTitle} role="note">
      <Text size="sm" fw={700}>
        {m.legendTitle}
      </Text>
      <span className={classes.legendItem}>
        <span className={classes.legendAsset} aria-hidden /> {m.legendAsset}
      </span>
      <span className={classes.legendItem}>
        <span className={classes.legendExternal} aria-hidden /> {m.legendExternal}
      </span>
      <span className={classes.legendItem}>
        <span className={classes.legendLine} aria-hidden /> {m.legendFlow}
      </span>
      <span className={classes.legendItem}>
        <span className={classes.legendRisky} aria-hidden /> {m.legendRisky}
      </span>
    </div>
  );
}

export function FlowDiagram({ orgId, nodes, edges }: { orgId: string; nodes: GraphNode[]; edges: GraphEdge[] }) {
  const [laidOut, setLaidOut] = useState<LaidOut | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [isFar, setFar] = useState(false);
  const byId = useMemo(() => new Map(nodes.map((node) => [node.id, node])), [nodes]);
  const findOptions = useMemo(() => nodes.map((node) => ({ value: node.id, label: node.data.kind === 'external' ? `${node.data.label} (${m.external})` : node.data.label })).sort((a, b) => a.label.localeCompare(b.label)), [nodes]);

  useEffect(() => {
    let isCurrent = true;
    setError(null);
    layoutGraph({ nodes: nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })), edges })
      .then((positions) => {
        if (!isCurrent) return;
        setLaidOut({
          nodes: nodes.map((node) => ({ id: node.id, type: node.type, data: node.data, position: positions.get(node.id) ?? { x: 0, y: 0 }, width: NODE_WIDTH, height: NODE_HEIGHT, ariaLabel: nodeDescription(node.data) })),
          edges: toFlowEdges(edges),
        });
      })
      .catch((cause: unknown) => {
        if (isCurrent) setError(cause);
      });
    return () => {
      isCurrent = false;
    };
  }, [nodes, edges]);

  if (error) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
        {m.layoutError}
      </Alert>
    );
  }
  if (!laidOut) {
    return (
      <Paper withBorder radius="md" p="lg" className={classes.canvas}>
        <LoadingState rows={6} label={m.layingOut} />
      </Paper>
    );
  }
  const selected = selectedId ? byId.get(selectedId) : undefined;
  return (
    <Stack gap="sm">
      <div className={classes.canvas} data-far={isFar ? 'true' : 'false'} data-testid="flow-diagram" aria-label={m.diagramLabel} role="figure">
        <ReactFlow
          key={`${laidOut.nodes.length}:${laidOut.edges.length}`}
          defaultNodes={laidOut.nodes}
          defaultEdges={laidOut.edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          fitView
          // A few hundred nodes do not fit legibly: start no smaller than names can be read; the minimap and
          // the fit button show the whole.
          fitViewOptions={{ padding: 0.08, minZoom: 0.4 }}
          minZoom={0.05}
          maxZoom={1.75}
          nodesConnectable={false}
          onlyRenderVisibleElements={laidOut.nodes.length > 150}
          onSelectionChange={({ nodes: chosen }: OnSelectionChangeParams) => setSelectedId(chosen[0]?.id ?? null)}
        >
          <ZoomWatcher onFar={setFar} />
          <FindNode options={findOptions} />
          <Background gap={24} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable ariaLabel={m.minimap} nodeColor={(node) => (node.type === 'external' ? '#495057' : '#1971c2')} nodeStrokeWidth={2} />
          {selected ? <SelectedPanel orgId={orgId} node={selected} /> : null}
        </ReactFlow>
      </div>
      <Legend />
    </Stack>
  );
}
