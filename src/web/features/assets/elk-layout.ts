/**
 * Layered left-to-right layout of the flow diagram with elkjs. ELK runs in a web worker loaded from its
 * own same-origin file (the CSP allows scripts and workers from 'self'; elkjs needs neither eval nor a
 * blob worker), so a few hundred nodes never block the page. If the worker cannot start, the same layout
 * runs on the main thread with elkjs's bundled build, loaded only then.
 */
import ElkApiModule from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

type ElkConstructor = typeof ElkApiModule.default;
type Elk = InstanceType<ElkConstructor>;
type ElkGraph = Parameters<Elk['layout']>[0];

/** elkjs is CommonJS: depending on the bundler's interop the import is the constructor or `{ default }`. */
function constructorOf(module: unknown): ElkConstructor {
  return (typeof module === 'function' ? module : (module as { default: unknown }).default) as ElkConstructor;
}

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': '44',
  'elk.layered.spacing.nodeNodeBetweenLayers': '200',
  'elk.layered.spacing.edgeNodeBetweenLayers': '40',
  'elk.spacing.componentComponent': '80',
  'elk.separateConnectedComponents': 'true',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.aspectRatio': '1.6',
};

let workerElk: Elk | null = null;
let workerFailed = false;
const onWorkerFailure = new Set<(error: Error) => void>();

function startWorkerElk(onError: () => void): Elk {
  const Elk = constructorOf(ElkApiModule);
  return new Elk({
    workerFactory: () => {
      const worker = new Worker(elkWorkerUrl);
      worker.addEventListener('error', onError);
      return worker;
    },
  });
}

async function mainThreadElk(): Promise<Elk> {
  const bundled: unknown = await import('elkjs/lib/elk.bundled.js');
  const Elk = constructorOf((bundled as { default: unknown }).default ?? bundled);
  return new Elk();
}

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
}

/** Positions (top-left corners) by node id. */
export async function layoutGraph(input: LayoutInput): Promise<Map<string, { x: number; y: number }>> {
  const graph: ElkGraph = {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: input.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: input.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const run = async (elk: Elk) => {
    const result = await elk.layout(graph);
    return new Map((result.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
  };
  if (!workerFailed && typeof Worker !== 'undefined') {
    let listener: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      listener = reject;
      onWorkerFailure.add(reject);
    });
    try {
      workerElk ??= startWorkerElk(() => onWorkerFailure.forEach((reject) => reject(new Error('the layout worker could not start'))));
      return await Promise.race([run(workerElk), failed]);
    } catch {
      workerFailed = true;
      workerElk?.terminateWorker();
      workerElk = null;
    } finally {
      onWorkerFailure.delete(listener);
    }
  }
  return run(await mainThreadElk());
}
