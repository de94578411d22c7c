export { runSeedScenario } from './run-scenario';
export { formatSummary, type GroupSummary, type ScenarioSummary } from './summary';
export { serviceUrlsFromEnv, newRunId, DEFAULT_TIMEOUTS, type ScenarioOptions, type ScenarioTimeouts } from './scenario-options';
export { seedGroups, type SeedChild, type SeedGroup } from './seed-children';
export { GROUP_PLANS, PROGRAMME, type GroupPlan } from './seed-groups';
export type { ServiceUrls } from './homeward-apis';
export type { AccessTokenProvider } from './api-client';
