// Reads the import graph of the workspace from the sources (no TypeScript needed): every static
// `import … from`, `export … from`, `import('…')` and `import '…'` of the .ts files under packages/,
// services/ and the root folders, resolved to files through relative paths and the packages'
// `exports` maps. The layout test judges it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface WorkspacePackage {
  readonly name: string;
  /** Folder relative to the root, e.g. `packages/db`. */
  readonly dir: string;
  readonly kind: 'package' | 'service';
  /** `exports` map: entry (`.`, `./testing`) → file relative to the root. */
  readonly entries: ReadonlyMap<string, string>;
  readonly dependencies: readonly string[];
}

export interface ImportEdge {
  /** Importing file, relative to the root. */
  readonly from: string;
  readonly specifier: string;
  /** The file it resolves to inside the workspace (relative to the root), if any. */
  readonly to: string | undefined;
  readonly line: number;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"`]([^'"`]+)['"`]/g;

export function workspacePackages(root: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', 'services'] as const) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const file = join(root, group, name, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string;
        exports?: Record<string, string>;
        dependencies?: Record<string, string>;
      };
      const entries = new Map<string, string>();
      for (const [entry, target] of Object.entries(pkg.exports ?? {})) {
        entries.set(entry, relative(root, resolve(root, group, name, target)));
      }
      found.push({
        name: pkg.name,
        dir: `${group}/${name}`,
        kind: group === 'packages' ? 'package' : 'service',
        entries,
        dependencies: Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@autoalex/')),
      });
    }
  }
  return found;
}

export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const folder of folders) if (existsSync(join(root, folder))) walk(folder);
  return files.sort();
}

function resolveFile(root: string, candidate: string): string | undefined {
  for (const path of [candidate, `${candidate}.ts`, join(candidate, 'index.ts')]) {
    if (existsSync(join(root, path)) && statSync(join(root, path)).isFile()) return path;
  }
  return undefined;
}

export function importsOf(root: string, file: string, packages: readonly WorkspacePackage[]): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2]) as string;
    const line = text.slice(0, match.index).split('\n').length;
    let to: string | undefined;
    if (specifier.startsWith('.')) {
      // A template import (`../services/${name}/…`) resolves to nothing but still names where it reaches.
      to = resolveFile(root, relative(root, resolve(root, dirname(file), specifier.split('${')[0] as string)));
      to ??= relative(root, resolve(root, dirname(file), specifier));
    } else if (specifier.startsWith('@autoalex/')) {
      const [scope, name, ...rest] = specifier.split('/');
      const pkg = packages.find((p) => p.name === `${scope}/${name}`);
      to = pkg === undefined ? undefined : entryFile(root, pkg, rest.length > 0 ? `./${rest.join('/')}` : '.');
    }
    edges.push({ from: file, specifier, to, line });
  }
  return edges;
}

/** The file an `exports` entry names, with Node's `*` patterns (`./integrations/*`); undefined when none matches. */
function entryFile(root: string, pkg: WorkspacePackage, subpath: string): string | undefined {
  const exact = pkg.entries.get(subpath);
  if (exact !== undefined) return exact;
  for (const [entry, target] of pkg.entries) {
    const star = entry.indexOf('*');
    if (star < 0) continue;
    const [before, after] = [entry.slice(0, star), entry.slice(star + 1)];
    if (!subpath.startsWith(before) || !subpath.endsWith(after) || subpath.length < entry.length - 1) continue;
    const file = target.replace('*', subpath.slice(before.length, subpath.length - after.length));
    if (existsSync(join(root, file))) return file;
  }
  return undefined;
}

/** The package or service a root-relative path belongs to. */
export function ownerOf(path: string, packages: readonly WorkspacePackage[]): WorkspacePackage | undefined {
  return packages.find((p) => path === p.dir || path.startsWith(`${p.dir}/`));
}

/** Strongly connected components with more than one file (import cycles), Tarjan's algorithm. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    order.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, order.get(next) as number));
      }
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return found;
}
