/** The diagram's node and edge shapes: assets as cards, external parties as dashed pills, flows as arrows. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, Handle, Position, useStore, type Edge, type EdgeProps, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AssetNodeData, ExternalNodeData, FlowEdgeData } from './flow-graph.js';
import classes from './flow-diagram.module.css';
import { assetMessages as m } from './messages.js';

export type AssetFlowNode = Node<AssetNodeData, 'asset'>;
export type ExternalFlowNode = Node<ExternalNodeData, 'external'>;
export type FlowEdge = Edge<FlowEdgeData, 'flow'>;

export const RISKY_COLOUR = '#c92a2a';
export const EPHI_COLOUR = '#862e9c';
export const PLAIN_COLOUR = '#868e96';

const hidden = { opacity: 0 };

export const AssetNode = memo(function AssetNode({ data }: NodeProps<AssetFlowNode>) {
  const criticality = data.criticality ? (m.criticality[data.criticality] ?? data.criticality) : null;
  return (
    <div className={classes.assetNode} data-criticality={data.criticality ?? undefined} title={data.label}>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hidden} />
      <div className={classes.nodeTitle}>{data.label}</div>
      <div className={classes.nodeMeta}>
        {data.typeLabel ? <span className={classes.typeLabel}>{data.typeLabel}</span> : null}
        {criticality ? (
          <span className={classes.chip} data-tone={data.criticality === 'critical' || data.criticality === 'high' ? data.criticality : undefined}>
            {criticality}
          </span>
        ) : null}
        {data.handlesEphi ? (
          <span className={classes.chip} data-tone="ephi">
            ♥ {m.ephiYes}
          </span>
        ) : null}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} style={hidden} />
    </div>
  );
});

export const ExternalNode = memo(function ExternalNode({ data }: NodeProps<ExternalFlowNode>) {
  return (
    <div className={classes.externalNode} title={data.label}>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hidden} />
      <div className={classes.nodeMeta}>
        <span className={classes.chip} data-tone="external">
          ⇱ {m.external}
        </span>
      </div>
      <div className={classes.nodeTitle}>{data.label}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} style={hidden} />
    </div>
  );
});

/** Below this zoom the diagram shows names only, larger; details and ordinary flow labels return above it. */
export const FAR_ZOOM = 0.7;
/** Ordinary labels appear once zoomed in enough to read them; risky flows keep theirs at every zoom. */
const zoomedIn = (state: { transform: [number, number, number] }) => state.transform[2] >= FAR_ZOOM;

export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd } = props;
  const showLabel = useStore(zoomedIn);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const risks = data?.risks ?? [];
  const isRisky = risks.length > 0;
  const style = isRisky ? { stroke: RISKY_COLOUR, strokeWidth: 2.5, strokeDasharray: '7 4' } : data?.hasEphi ? { stroke: EPHI_COLOUR, strokeWidth: 1.75 } : { stroke: PLAIN_COLOUR, strokeWidth: 1.5 };
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />
      {(showLabel || isRisky) && data ? (
        <EdgeLabelRenderer>
          <div className={classes.edgeLabel} data-risky={isRisky ? 'true' : 'false'} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {isRisky ? <span>{`⚠ ${risks.join(' · ')}`}</span> : null}
            <span className={classes.edgePurpose}>{isRisky ? `: ${data.label}` : data.label}</span>
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

/** What a screen reader says for a focused node: its name, type, criticality, ePHI, or that it is external. */
export function nodeDescription(data: AssetNodeData | ExternalNodeData): string {
  if (data.kind === 'external') return `${m.external}: ${data.label}`;
  const criticality = data.criticality ? m.criticalityBadge(m.criticality[data.criticality] ?? data.criticality) : null;
  return [data.label, data.typeLabel, criticality, data.handlesEphi ? m.ephiYes : null].filter(Boolean).join(', ');
}

export const NODE_TYPES = { asset: AssetNode, external: ExternalNode };
export const EDGE_TYPES = { flow: FlowEdgeView };
