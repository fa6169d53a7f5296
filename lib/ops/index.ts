export { createMetrics, type Metrics } from './metrics.js';
export { opsRoutes, type ReadinessCheck } from './opsRoutes.js';
