/**
 * Deterministic synthetic Lync Server 2010 Group Chat deployments, with every tricky case of the
 * migration planted (see `plantedCases`), as an InventorySource (write it with snapshot/) and as a
 * T-SQL script that builds the same legacy database on a real SQL Server (`renderSampleSql`).
 */
export { sampleSource, plannedCounts, plantedCases, sampleSkeleton, fileLinkUrl, UNKNOWN_TYPE_IDS } from "./generate";
export type { SampleOptions, SampleCounts } from "./generate";
export { SAMPLE_AS_OF, SAMPLE_CUTOFF, PRINCIPAL } from "./skeleton";
export type { PlantedCase, PlantedKind } from "./skeleton";
export { SCALES, SCALE_SPECS } from "./scale";
export type { SampleScale, ScaleSpec } from "./scale";
export { renderSampleSql } from "./sql";
export type { SampleSqlCounts } from "./sql";
