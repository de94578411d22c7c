export { runSeedScenario } from './run-scenario';
export { formatSummary, type GroupSummary, type ScenarioSummary } from './summary';
export { serviceUrlsFromEnv, newRunId, DEFAULT_TIMEOUTS, type ScenarioOptions, type ScenarioTimeouts } from './scenario-options';
export { seedGroups, type SeedChild, type SeedGroup } from './seed-children';
export { ACTORS, GROUP_PLANS, PROGRAMME, type GroupPlan } from './seed-groups';
export { planEscorts, type EscortPlan } from './escort-plan';
export { sampleGroup } from './seed-sample';
export type { ServiceUrls } from './homeward-apis';
export { actorHeaders, type AccessTokenProvider, type Actor } from './api-client';
