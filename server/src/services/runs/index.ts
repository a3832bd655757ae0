export { BudgetExhaustedError, execute, executeTests, notRunResult, type Execution, type RunProgress, type RunSlots } from './execution.js';
export { RUNS_PER_PARTICIPANT, RUNS_PER_SESSION, RunsInFlight } from './in-flight.js';
export { IdempotentRuns, checkIdempotencyKey } from './idempotency.js';
export { RunMetrics } from './metrics.js';
export { QueueFullError, RunQueue, queuedExecutor, type QueueOwner } from './queue.js';
export { HIDDEN_MARGIN_MS, RunService, type RunOptions, type RunServiceDeps } from './service.js';
export { RunStore, type NewRun, type StoredRun, type StoredRunResult, type StoredTestResult } from './store.js';
export { normaliseOutput, outputsMatch, selectTests, type TestSelection } from './test-cases.js';
export { hiddenCountRevealed, INTERRUPTED_AFTER_MS, seesHiddenTests, viewOfRun } from './views.js';
