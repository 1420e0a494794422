import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, type ImportEdge, importsOf, ownerOf, sourceFiles, workspacePackages } from './imports.ts';

// The layout rules of docs/adr/0225-where-things-go.md, checked on the real import graph: services
// import packages (never each other), packages never import services, everything outside
// packages/ and services/ goes through a package's public entry points, and nothing imports in a circle.

const root = join(import.meta.dirname, '..', '..');
const packages = workspacePackages(root);
const ROOT_FOLDERS = ['bench', 'chaos', 'e2e', 'deploy', 'docker', 'tools'];
const files = sourceFiles(root, ['packages', 'services', ...ROOT_FOLDERS]);
const edges = files.flatMap((file) => importsOf(root, file, packages));
const show = (e: ImportEdge) => `${e.from}:${e.line} imports '${e.specifier}'`;

describe('workspace layout', () => {
  it('reads the whole tree', () => {
    expect(packages.filter((p) => p.kind === 'service').length).toBeGreaterThanOrEqual(8);
    expect(files.length).toBeGreaterThan(300);
    expect(edges.length).toBeGreaterThan(1000);
  });

  it('bench, chaos, e2e, deploy, docker and tools reach packages and services only through their entry points', () => {
    const sideDoors = edges.filter(
      (e) =>
        ROOT_FOLDERS.some((folder) => e.from.startsWith(`${folder}/`)) &&
        e.specifier.startsWith('.') &&
        e.to !== undefined &&
        (e.to.startsWith('packages/') || e.to.startsWith('services/')),
    );
    expect(sideDoors.map(show)).toEqual([]);
  });

  it('relative imports stay inside their own package or service', () => {
    const crossing = edges.filter((e) => {
      if (!e.specifier.startsWith('.') || e.to === undefined) return false;
      const from = ownerOf(e.from, packages);
      return from !== undefined && ownerOf(e.to, packages) !== from;
    });
    expect(crossing.map(show)).toEqual([]);
  });

  it('every @autoalex import names an entry of that package’s exports map', () => {
    const unknown = edges.filter((e) => e.specifier.startsWith('@autoalex/') && e.to === undefined);
    expect(unknown.map(show)).toEqual([]);
  });

  it('packages never import services, and services never import each other', () => {
    const wrong = edges.filter((e) => {
      const from = ownerOf(e.from, packages);
      const to = e.to === undefined ? undefined : ownerOf(e.to, packages);
      if (!from || !to || from === to || to.kind !== 'service') return false;
      return true;
    });
    expect(wrong.map(show)).toEqual([]);
  });

  it('no file imports itself in a circle', () => {
    const graph = new Map<string, string[]>();
    for (const e of edges) {
      if (e.to === undefined || !files.includes(e.to)) continue;
      graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    }
    expect(cycles(graph)).toEqual([]);
  });

  it('no package depends on itself through others', () => {
    const graph = new Map(packages.map((p) => [p.name, [...p.dependencies]]));
    expect(cycles(graph)).toEqual([]);
  });
});

describe('cycle finder', () => {
  it('finds a circle and ignores a chain', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['b']]]))).toEqual([]);
  });
});
