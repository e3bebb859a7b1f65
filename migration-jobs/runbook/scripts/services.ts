/**
 * Steps 2 and 10: stopping the legacy Group Chat and Persistent Chat services, and starting the
 * Persistent Chat services again (domain §2.4 steps 1, 3 and 9). Which services, on which manager:
 * the script is the one service renderer's (migration-jobs/powershell/services.ts), which checks
 * the services' real state, so a second run finds them already stopped (or running) and says `skipped`.
 */
import type { RenderedScript, StepContext } from "../../powershell/frame";
import { renderServiceState } from "../../powershell/services";

/**
 * Legacy Group Chat (Lync 2010 and OCS 2007 R2) names its services "... Group Chat ..." (Channel,
 * Lookup, Compliance). They are also set to Manual so a reboot during the window cannot bring the
 * legacy side back and let legacy clients write messages the export has already passed (domain §3).
 */
export function renderStopLegacyServices(ctx: StepContext): RenderedScript {
  return renderServiceState(ctx, { manager: "windows", pattern: "*Group Chat*", want: "Stopped", startupType: "Manual", noun: "service", hint: ": is this a legacy Group Chat server?" });
}

/** `RTCCHAT` (Persistent Chat) and `RTCCHATCOMPLIANCE` when compliance is on. */
const PERSISTENT_CHAT_SERVICES = "RTCCHAT*";

/** Stops the Persistent Chat services with Stop-CsWindowsService (domain §2.4 step 3). */
export function renderStopPersistentChatServices(ctx: StepContext): RenderedScript {
  return renderServiceState(ctx, { manager: "lync", pattern: PERSISTENT_CHAT_SERVICES, want: "Stopped", noun: "Persistent Chat service" });
}

/** Starts the Persistent Chat services with Start-CsWindowsService (domain §2.4 step 9). */
export function renderStartPersistentChatServices(ctx: StepContext): RenderedScript {
  return renderServiceState(ctx, { manager: "lync", pattern: PERSISTENT_CHAT_SERVICES, want: "Running", noun: "Persistent Chat service" });
}
