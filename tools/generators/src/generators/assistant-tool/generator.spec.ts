import { type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ASSISTANT_TOOLS, assistantToolGenerator, assistantToolNames } from './generator';

const WORKSPACE = path.resolve(__dirname, '../../../../..');

function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(ASSISTANT_TOOLS, readFileSync(path.join(WORKSPACE, ASSISTANT_TOOLS), 'utf-8'));
  return tree;
}

const text = (tree: Tree, file: string): string => tree.read(file, 'utf-8') ?? '';
const TOOL = 'libs/api/assistant/src/lib/tools/new-clients.tool.ts';

describe('assistant-tool generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = workspaceTree();
    await assistantToolGenerator(tree, { name: 'new-clients', skipFormat: true });
  });

  it('writes a typed zod tool bound to the run’s company, and its spec', () => {
    const tool = text(tree, TOOL);
    expect(tool).toContain("name: 'new_clients'");
    expect(tool).toContain(
      'export function newClientsTool(tenantDb: TenantDatabase): AssistantToolSpec<typeof schema>',
    );
    expect(tool).toContain('tenantDb.run(scopeOf(ctx)');
    expect(tool).not.toMatch(/companyId: z\./);
    expect(text(tree, 'libs/api/assistant/src/lib/tools/new-clients.tool.spec.ts')).toContain(
      'whatever company the model names',
    );
    for (const file of [TOOL, 'libs/api/assistant/src/lib/tools/new-clients.tool.spec.ts', ASSISTANT_TOOLS]) {
      const { diagnostics } = ts.transpileModule(text(tree, file), {
        fileName: file,
        reportDiagnostics: true,
        compilerOptions: { experimentalDecorators: true },
      });
      expect({ file, errors: diagnostics ?? [] }).toEqual({ file, errors: [] });
    }
  });

  it('registers the tool in AssistantTools.define(), after the existing tools', () => {
    const tools = text(tree, ASSISTANT_TOOLS);
    expect(tools).toContain("import { newClientsTool } from './tools/new-clients.tool';");
    expect(tools).toMatch(
      /add\(newClientsTool\(this\.tenantDb\)\);\n\s*return specs as unknown as AssistantToolSpec\[\];/,
    );
    expect(tools.indexOf("name: 'propose_interaction'")).toBeLessThan(tools.indexOf('add(newClientsTool('));
  });

  it('refuses a tool that exists, and a description that would break the code', async () => {
    await expect(assistantToolGenerator(tree, { name: 'new-clients', skipFormat: true })).rejects.toThrow(/exists/);
    await expect(assistantToolGenerator(workspaceTree(), { name: 'sales-summary', skipFormat: true })).rejects.toThrow(
      /exists/,
    );
    expect(() => assistantToolNames({ name: 'x', description: "it's" })).toThrow(/description/);
  });
});
