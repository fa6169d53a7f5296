import { supergraphError } from '../../lib/index.js';
import type { LimitsConfig } from '../config/RouterConfig.js';
import { estimateCost } from '../limits/estimateCost.js';
import type { RouterPlugin } from './RouterPlugin.js';

/** Refuses operations past the depth, alias, root-field and cost limits. */
export function useLimits(limits: LimitsConfig): RouterPlugin {
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
        const cost = estimateCost(prepared.generation.schema, prepared.operation, prepared.fragments, variables, limits);
        if (cost > limits.maxCost) return [supergraphError('COST_LIMIT_EXCEEDED', `estimated cost ${cost} exceeds the maximum of ${limits.maxCost}`, { cost, max: limits.maxCost })];
      }
      return undefined;
    },
  };
}
