/** The whole migration planned once (runbook and contact lists): what `pulumi up` declares and `rehearse` writes. */
export { planMigration, projectInputs } from "./migration-plan";
export { parseMigrationConfig, type MigrationConfig } from "./config";
export type { ContactsPart, MigrationInputs, MigrationPlan, MigrationPlanRequest } from "./migration-plan";
