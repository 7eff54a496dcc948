import type { Tree } from '@nx/devkit';

/**
 * Reading and editing the files a generator registers its output in, failing loudly (before
 * anything is written) when a file or an anchor is gone. `generator` names it in the messages.
 */
export function treeEdits(generator: string) {
  function read(tree: Tree, file: string): string {
    const text = tree.read(file, 'utf-8');
    if (text === null) throw new Error(`${file} is missing: the ${generator} generator edits it`);
    return text;
  }

  /** Inserts `text` at the index `at` returns; fails when the anchor is not found. */
  function insert(tree: Tree, file: string, what: string, at: (text: string) => number, text: string): void {
    const source = read(tree, file);
    const index = at(source);
    if (index < 0)
      throw new Error(`${file}: cannot find where to add ${what}; add it by hand (see docs/generators.md)`);
    tree.write(file, source.slice(0, index) + text + source.slice(index));
  }

  return { read, insert };
}
