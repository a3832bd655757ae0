export { execute, type Execution, type RunProgress } from './execution.js';
export { IdempotentRuns } from './idempotency.js';
export { RunMetrics } from './metrics.js';
export { QueueFullError, RunQueue, queuedExecutor } from './queue.js';
export { RunService, type RunOptions, type RunServiceDeps } from './service.js';
export { RunStore, type NewRun, type StoredRun, type StoredRunResult, type StoredTestResult } from './store.js';
export { normaliseOutput, outputsMatch, selectTests } from './test-cases.js';
export { seesHiddenTests, viewOfRun } from './views.js';
