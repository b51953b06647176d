// The status bar summary of the active report.
//
// Shown for the active editor's document when
//   - its language is `nianbao`, or
//   - it has at least one nianbao diagnostic (source `nianbao`), or
//   - it is plain text or Markdown with 年度报告 or 年报 in its first 15 lines;
// hidden otherwise. Text: `年报 ✓` when there is no error or warning, `年报 ✗ N` with N
// errors plus warnings; the tooltip gives the counts. Clicking opens the Problems panel.
// While the server is not running, `年报 ⊘` offers a restart instead.
import * as vscode from "vscode";
import { messages } from "./i18n";

export const SOURCE = "nianbao";
const HEAD_LINES = 15;

export interface Counts {
  errors: number;
  warnings: number;
  notes: number;
}

export function count(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const counts = { errors: 0, warnings: 0, notes: 0 };
  for (const d of diagnostics) {
    if (d.source !== SOURCE) {
      continue;
    }
    if (d.severity === vscode.DiagnosticSeverity.Error) {
      counts.errors++;
    } else if (d.severity === vscode.DiagnosticSeverity.Warning) {
      counts.warnings++;
    } else {
      counts.notes++;
    }
  }
  return counts;
}

/** Whether the first lines of a plain-text or Markdown document name a report. */
export function looksLikeReport(document: vscode.TextDocument): boolean {
  if (document.languageId !== "plaintext" && document.languageId !== "markdown") {
    return false;
  }
  const last = Math.min(document.lineCount, HEAD_LINES);
  for (let i = 0; i < last; i++) {
    const line = document.lineAt(i).text;
    if (line.includes("年度报告") || line.includes("年报")) {
      return true;
    }
  }
  return false;
}

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private running = false;

  constructor() {
    this.item = vscode.window.createStatusBarItem("nianbao.status", vscode.StatusBarAlignment.Left, 0);
    this.item.name = "nianbao";
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) {
          this.update();
        }
      }),
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
    );
    this.update();
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.update();
  }

  update(): void {
    const t = messages();
    const document = vscode.window.activeTextEditor?.document;
    if (!document) {
      this.item.hide();
      return;
    }
    const counts = count(vscode.languages.getDiagnostics(document.uri));
    const any = counts.errors + counts.warnings + counts.notes > 0;
    if (!(document.languageId === "nianbao" || any || looksLikeReport(document))) {
      this.item.hide();
      return;
    }
    if (!this.running) {
      this.item.text = "年报 ⊘";
      this.item.tooltip = t.statusStopped;
      this.item.command = "nianbao.restartServer";
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const problems = counts.errors + counts.warnings;
    this.item.text = problems === 0 ? "年报 ✓" : `年报 ✗ ${problems}`;
    const lines = [problems === 0 ? t.statusOk : t.statusProblems(counts.errors, counts.warnings)];
    if (counts.notes > 0) {
      lines.push(t.statusNotes(counts.notes));
    }
    lines.push(t.statusClick);
    this.item.tooltip = lines.join("\n");
    this.item.command = "workbench.actions.view.problems";
    this.item.backgroundColor =
      counts.errors > 0 ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
