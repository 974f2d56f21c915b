/** A page object for kube-netplay: selects by data-testid and data-id only. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByTestId('engine-status')).toBeVisible();
  }

  /** A graph object by its GraphNode id (our own element, not React Flow's wrapper). */
  graphNode(id: string): Locator {
    return this.page.locator(`[data-testid="graph-node"][data-id="${id}"]`);
  }

  nodeGroup(id: string): Locator {
    return this.page.locator(`[data-testid="node-group"][data-id="${id}"]`);
  }

  async waitForEditor() {
    await expect(this.page.getByTestId('editor').locator('.monaco-editor')).toBeVisible();
    await this.page.waitForFunction(() => window.__monaco?.editor.getEditors().length === 1);
  }

  editorText(): Promise<string> {
    return this.page.evaluate(() => window.__monaco!.editor.getModels()[0]!.getValue());
  }

  storeText(): Promise<string> {
    return this.page.evaluate(() => window.netplay!.getText());
  }

  /** The 1-based line number of the n-th line (0-based n) that matches `pattern`. */
  async lineOf(pattern: string, nth = 0): Promise<number> {
    const text = await this.editorText();
    const lines = text.split('\n');
    let seen = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.includes(pattern) && seen++ === nth) return i + 1;
    }
    throw new Error(`no line ${nth} matches ${pattern}`);
  }

  /** Selects a range in the editor, focused, so the next keystrokes replace it. */
  async select(startLine: number, startColumn: number, endLine: number, endColumn: number) {
    await this.page.evaluate(
      ([a, b, c, d]) => {
        const editor = window.__monaco!.editor.getEditors()[0]!;
        editor.setSelection({
          startLineNumber: a!,
          startColumn: b!,
          endLineNumber: c!,
          endColumn: d!,
        });
        editor.focus();
      },
      [startLine, startColumn, endLine, endColumn],
    );
  }

  /** Selects `text` on a line (first occurrence) for replacement by typing. */
  async selectOnLine(line: number, text: string) {
    const content = (await this.editorText()).split('\n')[line - 1]!;
    const column = content.indexOf(text) + 1;
    if (column === 0) throw new Error(`"${text}" is not on line ${line}`);
    await this.select(line, column, line, column + text.length);
  }

  markers() {
    return this.page.evaluate(() =>
      window.__monaco!.editor.getModelMarkers({ owner: 'netplay' }).map((m) => ({
        line: m.startLineNumber,
        severity: Number(m.severity),
        message: m.message,
      })),
    );
  }

  async send(from?: string, to?: string) {
    if (from !== undefined) await this.page.getByTestId('trace-source').fill(from);
    if (to !== undefined) await this.page.getByTestId('trace-destination').fill(to);
    await this.page.getByTestId('send-button').click();
    await expect(this.page.getByTestId('trace-verdict')).toBeVisible();
  }

  hops(): Locator {
    return this.page.getByTestId('trace-hop');
  }
}
