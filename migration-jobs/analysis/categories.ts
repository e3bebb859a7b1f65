/**
 * Flattening the legacy category tree into 2013's single level (domain §2.3.1, §4.4, §5).
 *
 * Naming assumed (the docs say only "prefixed with the full names of the parent categories"):
 * the 2013 name is the names of the categories from the first level under the root down to the
 * category itself, joined with FLATTEN_SEPARATOR. The root node is not part of the prefix: it is the
 * implicit container of everything, and its children are top-level categories already.
 * Settings left null (inherited) are resolved by walking up to the nearest node that sets them; at
 * the root an unset setting takes the 2013 default (on).
 * Pure: no I/O; bad trees (cycles, orphans, nameless nodes) become statuses, never exceptions.
 */
import type { Category } from "../inventory/inventory";

/**
 * Joins parent and child names. One character, so prefixes eat as little of the 256-character
 * budget as possible, and one that Group Chat names rarely contain, so the prefix stays readable.
 * It is an assumption: the import's real separator is not documented (domain §10). Change it with
 * `analyze --separator`/the `separator` option if a -WhatIf run shows another.
 */
export const FLATTEN_SEPARATOR = "_";

/** domain §5: tblNode.nodeName is nvarchar(256); the limit includes migrated prefixes. */
export const MAX_NODE_NAME = 256;

/** Name given to a nameless root when rooms sit directly in it and it must become a category. */
export const ROOT_FALLBACK_NAME = "Root";

export type CategoryStatus = "ok" | "cycle" | "orphan" | "unnamed" | "ancestor-broken";

export interface ResolvedCategory {
  category: Category;
  status: CategoryStatus;
  /** Flattened 2013 name; null unless status is ok. */
  flatName: string | null;
  /** Node ids from the root down to this category (inclusive); empty unless status is ok. */
  chain: number[];
  invitations: boolean;
  fileUpload: boolean;
  chatHistory: boolean;
  /** Depth under the root (root 0, its children 1). */
  depth: number;
  /**
   * A child category in the docs' sense: its 2013 name carries its parents' names as a prefix, and so
   * do the names of its rooms (see `roomName2013` in rules.ts). False for the root, its children and
   * anything not ok.
   */
  nested: boolean;
}

/** The root: flagged, or (legacy convention) its own parent, or without a parent. */
export function isRootCategory(c: Category): boolean {
  return c.isRoot || c.parentId === c.id;
}

/** Resolves every category of the tree; the result is keyed by category id. */
export function resolveCategories(categories: readonly Category[], separator: string = FLATTEN_SEPARATOR): Map<number, ResolvedCategory> {
  const byId = new Map<number, Category>();
  for (const c of categories) if (!byId.has(c.id)) byId.set(c.id, c);
  const out = new Map<number, ResolvedCategory>();

  const resolve = (start: Category): ResolvedCategory => {
    const done = out.get(start.id);
    if (done) return done;
    // Walk up iteratively until a resolved node, the root, a missing parent or a loop.
    const path: Category[] = [];
    const onPath = new Set<number>();
    let cur: Category | undefined = start;
    let base: ResolvedCategory | null = null;
    let failure: CategoryStatus | null = null;
    while (cur) {
      const known = out.get(cur.id);
      if (known) {
        base = known;
        break;
      }
      if (onPath.has(cur.id)) {
        failure = "cycle";
        break;
      }
      onPath.add(cur.id);
      path.push(cur);
      if (isRootCategory(cur) || cur.parentId === null) break;
      const parent = byId.get(cur.parentId);
      if (!parent) {
        failure = "orphan";
        break;
      }
      cur = parent;
    }
    if (failure === "cycle") {
      // Every node on the loop is "cycle"; the nodes hanging below it inherit the breakage.
      const loopStart = cur ? path.findIndex((p) => p.id === cur!.id) : -1;
      for (let i = path.length - 1; i >= 0; i--) {
        const c = path[i]!;
        out.set(c.id, broken(c, i >= loopStart ? "cycle" : "ancestor-broken"));
      }
      return out.get(start.id)!;
    }
    if (failure === "orphan") {
      for (let i = path.length - 1; i >= 0; i--) {
        const c = path[i]!;
        out.set(c.id, broken(c, i === path.length - 1 ? "orphan" : "ancestor-broken"));
      }
      return out.get(start.id)!;
    }
    // Resolve downwards from the top of the path.
    let parent = base;
    for (let i = path.length - 1; i >= 0; i--) {
      const c = path[i]!;
      const r = resolveOne(c, parent, separator);
      out.set(c.id, r);
      parent = r;
    }
    return out.get(start.id)!;
  };

  for (const c of categories) resolve(c);
  return out;
}

function broken(c: Category, status: CategoryStatus): ResolvedCategory {
  return { category: c, status, flatName: null, chain: [], invitations: true, fileUpload: true, chatHistory: true, depth: 0, nested: false };
}

function hasName(c: Category): boolean {
  return typeof c.name === "string" && c.name.trim().length > 0;
}

function resolveOne(c: Category, parent: ResolvedCategory | null, separator: string): ResolvedCategory {
  const top = parent === null; // the root, or a parentless node treated as top
  const inherited = (own: boolean | null, fromParent: boolean | undefined): boolean => own ?? fromParent ?? true;
  const settings = {
    invitations: inherited(c.invitations, parent?.invitations),
    fileUpload: inherited(c.fileUpload, parent?.fileUpload),
    chatHistory: inherited(c.chatHistory, parent?.chatHistory),
  };
  if (parent && parent.status !== "ok") return { ...broken(c, "ancestor-broken"), ...settings };
  // The root's name is never part of a prefix, so a nameless root breaks nothing below it.
  const root = isRootCategory(c);
  if (!hasName(c) && !root) return { ...broken(c, "unnamed"), ...settings };
  const name = hasName(c) ? c.name! : ROOT_FALLBACK_NAME;
  const parentIsRoot = parent !== null && isRootCategory(parent.category);
  const nested = !(top || parentIsRoot || parent.flatName === null);
  const flatName = nested ? parent!.flatName + separator + name : name;
  return {
    category: c,
    status: "ok",
    flatName,
    chain: [...(parent?.chain ?? []), c.id],
    ...settings,
    depth: top ? 0 : parent.depth + 1,
    nested,
  };
}
