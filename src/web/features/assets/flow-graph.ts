/**
 * The data-flow diagram's graph, built from the flows and the register: one node per asset that takes
 * part in a flow, one node per distinct external party, one edge per flow. Pure (no React, no layout),
 * so it can be tested and reused by the table view.
 */
import { ASSET_TYPE_LABELS, DATA_CATEGORY_LABELS, type TAsset, type TDataFlow } from '../../../shared/contracts/assets.js';
import { flowRisks } from './flow-table.js';

export const NODE_WIDTH = 212;
export const NODE_HEIGHT = 84;
const LABEL_MAX = 34;

export interface AssetNodeData extends Record<string, unknown> {
  kind: 'asset';
  assetId: string;
  label: string;
  typeLabel: string;
  criticality: TAsset['criticality'] | null;
  handlesEphi: boolean;
}

export interface ExternalNodeData extends Record<string, unknown> {
  kind: 'external';
  label: string;
}

export interface FlowEdgeData extends Record<string, unknown> {
  label: string;
  risks: string[];
  hasEphi: boolean;
}

export interface GraphNode {
  id: string;
  type: 'asset' | 'external';
  data: AssetNodeData | ExternalNodeData;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  data: FlowEdgeData;
}

export function externalNodeId(party: string): string {
  return `external:${party.trim().toLowerCase()}`;
}

function shorten(text: string, max = LABEL_MAX): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** "Results for patients · ePHI, Other personal data" (purpose shortened; the table has it in full). */
export function edgeLabel(flow: TDataFlow): string {
  const categories = flow.dataCategories.map((category) => DATA_CATEGORY_LABELS[category]).join(', ');
  return `${shorten(flow.purpose)} · ${categories}`;
}

export function buildFlowGraph(flows: TDataFlow[], assets: Map<string, TAsset>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const addAsset = (id: string, name: string) => {
    if (nodes.has(id)) return;
    const asset = assets.get(id);
    nodes.set(id, {
      id,
      type: 'asset',
      data: { kind: 'asset', assetId: id, label: asset?.name ?? name, typeLabel: asset ? ASSET_TYPE_LABELS[asset.type] : '', criticality: asset?.criticality ?? null, handlesEphi: asset?.handlesEphi ?? false },
    });
  };
  const edges: GraphEdge[] = [];
  for (const flow of flows) {
    addAsset(flow.sourceAssetId, flow.sourceName);
    let target: string;
    if (flow.targetAssetId) {
      addAsset(flow.targetAssetId, flow.targetName ?? '');
      target = flow.targetAssetId;
    } else {
      const party = flow.externalParty ?? '';
      target = externalNodeId(party);
      if (!nodes.has(target)) nodes.set(target, { id: target, type: 'external', data: { kind: 'external', label: party } });
    }
    edges.push({ id: flow.id, source: flow.sourceAssetId, target, data: { label: edgeLabel(flow), risks: flowRisks(flow), hasEphi: flow.dataCategories.includes('ephi') } });
  }
  return { nodes: [...nodes.values()], edges };
}
