import { Kind, visit } from 'graphql/index.js';
import { supergraphError } from '../../lib/index.js';
import type { LimitsConfig } from '../config/RouterConfig.js';
import type { PreparedOperation } from '../execution/prepareDocument.js';
import { estimateCost } from '../limits/estimateCost.js';
import type { RouterPlugin } from './RouterPlugin.js';

/** Costs of one prepared operation by the values of the variables its size arguments use. */
interface CostMemo {
  /** Variables that are values of size arguments (`first`, `last`, `limit`); nothing else changes the cost. */
  readonly variables: readonly string[];
  readonly costs: Map<string, number>;
}

const MAX_MEMO = 64;

function sizeVariables(prepared: PreparedOperation, sizeArguments: readonly string[]): string[] {
  const names = new Set<string>();
  const args = new Set(sizeArguments);
  for (const node of [prepared.operation, ...Object.values(prepared.fragments)]) {
    visit(node, {
      Argument(arg) {
        if (args.has(arg.name.value) && arg.value.kind === Kind.VARIABLE) names.add(arg.value.name.value);
      },
    });
  }
  return [...names];
}

/** Refuses operations past the depth, alias, root-field and cost limits. */
export function useLimits(limits: LimitsConfig): RouterPlugin {
  // the estimate walks the whole operation: kept per prepared operation and size-variable values
  const memos = new WeakMap<PreparedOperation, CostMemo>();
  const costOf = (prepared: PreparedOperation, variables: Readonly<Record<string, unknown>>): number => {
    let memo = memos.get(prepared);
    if (memo === undefined) {
      memo = { variables: sizeVariables(prepared, limits.listSizeArguments), costs: new Map() };
      memos.set(prepared, memo);
    }
    const key = memo.variables.map((v) => (typeof variables[v] === 'number' ? String(variables[v]) : '')).join(',');
    let cost = memo.costs.get(key);
    if (cost === undefined) {
      cost = estimateCost(prepared.generation.schema, prepared.operation, prepared.fragments, variables, limits);
      if (memo.costs.size >= MAX_MEMO) memo.costs.clear();
      memo.costs.set(key, cost);
    }
    return cost;
  };
  return {
    name: 'limits',
    onOperation({ prepared, variables }) {
      const { depth, aliases, rootFields } = prepared.shape;
      if (depth > limits.maxDepth) return [supergraphError('MAX_DEPTH_EXCEEDED', `operation depth ${depth} exceeds the maximum of ${limits.maxDepth}`, { depth, max: limits.maxDepth })];
      if (aliases > limits.maxAliases) return [supergraphError('MAX_ALIASES_EXCEEDED', `operation uses ${aliases} aliases, more than the maximum of ${limits.maxAliases}`, { aliases, max: limits.maxAliases })];
      if (rootFields > limits.maxRootFields) {
        return [supergraphError('MAX_ROOT_FIELDS_EXCEEDED', `operation selects ${rootFields} root fields, more than the maximum of ${limits.maxRootFields}`, { rootFields, max: limits.maxRootFields })];
      }
      if (limits.maxCost > 0) {
        const cost = costOf(prepared, variables);
        if (cost > limits.maxCost) return [supergraphError('COST_LIMIT_EXCEEDED', `estimated cost ${cost} exceeds the maximum of ${limits.maxCost}`, { cost, max: limits.maxCost })];
      }
      return undefined;
    },
  };
}
