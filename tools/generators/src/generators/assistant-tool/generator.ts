import { formatFiles, generateFiles, names, type Tree } from '@nx/devkit';
import * as path from 'node:path';
import type { AssistantToolGeneratorSchema } from './schema';

export const ASSISTANT_TOOLS = 'libs/api/assistant/src/lib/assistant-tools.ts';
/** The line of `AssistantTools.define()` the registrations go above. */
const RETURN_LINE = '    return specs as unknown as AssistantToolSpec[];';

export function assistantToolNames(options: AssistantToolGeneratorSchema) {
  const n = names(options.name);
  const description =
    options.description ??
    'Number of clients created in a period (company time zone), with the days as given. Use for "how many new clients".';
  if (/['\\`$\n]/.test(description))
    throw new Error('The description must be one line without quotes, backslashes, backticks or $');
  return {
    /** `new-clients` */
    fileName: n.fileName,
    /** `new_clients`: the name the model calls. */
    toolName: n.fileName.replace(/-/g, '_'),
    /** `newClientsTool` */
    factory: `${n.propertyName}Tool`,
    description,
  };
}

export async function assistantToolGenerator(tree: Tree, options: AssistantToolGeneratorSchema): Promise<void> {
  const n = assistantToolNames(options);
  const source = tree.read(ASSISTANT_TOOLS, 'utf-8');
  if (source === null) throw new Error(`${ASSISTANT_TOOLS} is missing: the assistant-tool generator edits it`);
  if (source.includes(`name: '${n.toolName}'`) || tree.exists(`libs/api/assistant/src/lib/tools/${n.fileName}.tool.ts`))
    throw new Error(`The assistant tool "${n.toolName}" exists already`);
  const lastImport = [...source.matchAll(/^import [\s\S]*?;$/gm)].pop();
  const returnAt = source.indexOf(RETURN_LINE);
  if (!lastImport || returnAt < 0)
    throw new Error(
      `${ASSISTANT_TOOLS}: cannot find where to register the tool; add it by hand (see docs/generators.md)`,
    );
  const importEnd = (lastImport.index ?? 0) + lastImport[0].length + 1;
  const importLine = `import { ${n.factory} } from './tools/${n.fileName}.tool';\n`;
  tree.write(
    ASSISTANT_TOOLS,
    source.slice(0, importEnd) +
      importLine +
      source.slice(importEnd, returnAt) +
      `    add(${n.factory}(this.tenantDb));\n` +
      source.slice(returnAt),
  );
  generateFiles(tree, path.join(__dirname, 'files'), '.', n);
  if (!options.skipFormat) await formatFiles(tree);
}

export default assistantToolGenerator;
