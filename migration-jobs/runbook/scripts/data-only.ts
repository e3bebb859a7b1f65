/**
 * A step of a data-only legacy side (lync-install §3: a lab holds only the restored legacy database,
 * no Lync Server 2010 Group Chat): stopping the Group Chat services, uninstalling Group Chat and
 * removing its trusted application pool have nothing to act on. The step still exists, so `pulumi up`
 * declares the same runbook shape as in production, and it says why it did nothing instead of failing
 * on services or products that were never installed.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";

/** The reason every such step reports (README, the legacy side in a lab). */
export const DATA_ONLY_REASON = "nothing to do: data-only legacy side";

/** A step that touches nothing and reports `skipped` with the reason and what it would have done. */
export function renderDataOnlySkip(ctx: StepContext, wouldDo: string): RenderedScript {
  return renderStepScript(ctx, {
    params: { Reason: DATA_ONLY_REASON, WouldDo: wouldDo },
    body: `
$status = 'skipped'
$data['reason'] = $Reason
$data['notDone'] = $WouldDo`,
  });
}
