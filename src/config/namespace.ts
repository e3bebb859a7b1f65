/**
 * A top-level namespace that is almost the kit's (`pchatkit:`, `pchat_kit:`, `Pchat-Kit:`, `pchat-kti:`):
 * Pulumi would file such keys under another project and the kit would never read them, silently
 * planning the default topology. Other namespaces (`azure-native:`, `pulumi:`) are far from it.
 */
export function isMisspeltNamespace(namespace: string, project: string): boolean {
  if (namespace === project) return false;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  return squash(namespace) === squash(project) || editDistance(namespace.toLowerCase(), project.toLowerCase()) <= 2;
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
