/**
 * The public API of rungs. Everything a user imports comes from here.
 */
// Declaring and running studies
export { defineStudy, type DefinedStudy, type StudyDefinition, type TypedObjective, type ObjectiveDecl, type ResultOf } from './study/define-study.js';
export { float, int, categorical, type ParamsOf, type FloatOptions, type IntOptions, type CategoricalOptions } from './study/param-helpers.js';
export { runStudy, type RunStudyOptions } from './study/run-study.js';
export { createPool, type WorkerPool, type CreatePoolOptions } from './pool/create-pool.js';
export { poolUsage, type PoolUsage } from './pool/pool-usage.js';
export type { JobResult, JobSpan } from './pool/protocol.js';
export type { RunEvent, RunSummary } from './study/execute-study.js';
export { createStudy, AskTellStudy, type AskedTrial, type TellValue, type TellOptions } from './study/ask-tell.js';
export { loadStudyFile, type LoadedStudyFile } from './study/load-study-file.js';
export { validateStudy } from './study/validate-study.js';
export { normalizeStudy } from './study/normalize-study.js';
export type { StudySpec, NormalizedStudy } from './study/study-spec.js';
export type { ExistingPolicy } from './study/open-study.js';

// Objectives
export { TrialPruned, type Objective, type ObjectiveContext, type ObjectiveResult } from './pool/run-objective-job.js';

// Querying the store
export { openStorage, StudyStore, type StudyImportance } from './study/study-store.js';
export type { CurvePoint } from './study/curve-points.js';
export type { CurvesOptions } from './study/curves-options.js';
export { openSqliteStorage, SqliteStorage } from './storage/sqlite-storage.js';
export type { Storage, StudyRow, StudySummary, TrialRow, TrialFilter } from './storage/storage.js';

// Reports and statistics
export { renderReport, type RenderReportOptions } from './report/render-report.js';
export type { ReportData, ReportTrial, ReportRankingRow } from './report/report-data.js';
export { collectReportData } from './study/collect-report-data.js';
export { studySummary, type StudyReport } from './study/study-summary.js';
export { rankConfigs, type ConfigStats } from './stats/rank-configs.js';
export { paramImportance, type ParamImportance } from './stats/param-importance.js';
export { welchTTest } from './stats/welch-t-test.js';

// Search spaces and strategies
export type { Space, ParamSpec, FloatParam, IntParam, CategoricalParam, Params, ParamValue, ParamCondition } from './search/space.js';
export type { StrategySpec, PrunerSpec, MedianPrunerSpec, PercentilePrunerSpec, PatiencePrunerSpec } from './search/strategy-spec.js';
export type { Direction, Objective as StudyObjective, TrialState, PlanBracket, PlanRung, Fork } from './search/strategy.js';
export { paretoFront, objectiveVector } from './stats/pareto-front.js';
export { lineage, type LineageSegment, type LineageTrial } from './stats/lineage.js';
export { hypervolume } from './search/hypervolume.js';
export { toMinimize } from './search/pareto.js';
export { createStrategy } from './search/create-strategy.js';
export { planTotals } from './search/plan-totals.js';

// Built-in tasks
export type { TaskSpec, DatasetSpec, ModelSpec, TrainParams, OptimizerName } from './tasks/task-spec.js';

// Utilities
export { Rng, deriveSeed } from './rng.js';
export {
  RungsError,
  ValidationError,
  DatasetError,
  StorageError,
  StudyExistsError,
  StudyNotFoundError,
  StudyMismatchError,
  UsageError,
  InterruptedError,
} from './errors.js';
