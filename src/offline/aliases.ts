/**
 * The offline plan's one shortcut inside Pulumi's SDK; it changes nothing the monitor receives.
 *
 * Every azure-native resource declares an alias per API version of its type (a VM 29, a NIC 60: the
 * `dr` stack sends 3,335). The SDK (3.248) uses them twice: the Resource constructor turns each into a
 * URN (`collapseAliasToUrn`, a chain of Outputs waiting on the parent's URN), and the registration
 * later sends them to the monitor as alias specs. Under the mock runtime, which takes alias specs, the
 * constructor's URNs are never read (they serve to derive a child's aliases for an engine without
 * alias specs). Yet those 3,335 pending chains cost the offline plan of `dr` about 1 s of its 3, most
 * of it garbage collection (pulumi/pulumi#10010 tracks the SDK's cost of aliases).
 *
 * `deferAliasCollapse` hands the constructor an empty alias list and fills the same array in the next
 * microtask, before the registration reads it (the SDK awaits the resource's dependencies first), so
 * every registration sends exactly the aliases it sent before, in the same order and after the same
 * number of turns: the plan, the order of its resources included, is byte for byte what it was. The
 * resources' order follows those turns, which is why the aliases are deferred and not dropped
 * (test/offline/aliases.test.ts). `pulumi up` keeps the SDK's own behaviour: it gets no transformation.
 */
import type * as pulumi from "@pulumi/pulumi";

export const deferAliasCollapse: pulumi.ResourceTransformation = (args) => {
  const aliases = args.opts.aliases;
  if (!aliases || aliases.length === 0) return undefined;
  const later: NonNullable<pulumi.ResourceOptions["aliases"]> = [];
  queueMicrotask(() => later.push(...aliases));
  return { props: args.props, opts: { ...args.opts, aliases: later } };
};
