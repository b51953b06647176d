// VS Code client for `nianbao lsp`, the checker of 政府信息公开工作年度报告 drafts.
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
  type DynamicFeature,
  type StaticFeature,
} from "vscode-languageclient/node";
import { messages } from "./i18n";
import { locateServer } from "./server";
import { StatusItem } from "./status";

const LANGUAGES = ["plaintext", "markdown", "nianbao"];
const SCHEMES = ["file", "untitled"];
/** Where a person without a bundled or installed server gets one (every platform, installers). */
export const DOWNLOAD_PAGE = "https://github.com/nianbao/nianbao/releases/latest";

/**
 * The server advertises `nianbao.insertTemplate` and `nianbao.fixAll` as executeCommand
 * commands. The stock client would register VS Code commands of the same names that pass no
 * argument; this extension registers its own, which pass the active document's URI, so the
 * stock registration is left out.
 */
class NianbaoClient extends LanguageClient {
  override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const method = (feature as Partial<DynamicFeature<unknown>>).registrationType?.method;
    if (method === ExecuteCommandRequest.method) {
      return;
    }
    super.registerFeature(feature);
  }
}

/** The server's settings (every key of the `nianbao` section but `server`). */
export function serverSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration("nianbao");
  return {
    layout: c.get<string>("layout", "auto"),
    locale: c.get<string>("locale", ""),
    rules: c.get<Record<string, string>>("rules", {}),
    debounceMs: c.get<number>("debounceMs", 150),
    inlayHints: c.get<string>("inlayHints", "mismatches"),
    files: c.get<string[]>("files", []),
  };
}

let client: NianbaoClient | undefined;
let status: StatusItem | undefined;
let output: vscode.LogOutputChannel | undefined;
let starting: Promise<void> = Promise.resolve();

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
}

async function reportMissing(text: string): Promise<void> {
  const t = messages();
  const choice = await vscode.window.showErrorMessage(text, t.download, t.openSettings);
  if (choice === t.openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "nianbao.server.path");
  } else if (choice === t.download) {
    await vscode.env.openExternal(vscode.Uri.parse(DOWNLOAD_PAGE));
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  await stop(retire());
  const t = messages();
  const configured = vscode.workspace.getConfiguration("nianbao").get<string>("server.path", "");
  const location = locateServer(configured, context.extensionPath, workspaceFolder());
  if (location.kind === "badSetting") {
    output?.error(`nianbao.server.path: not an executable file: ${location.configured}`);
    void reportMissing(t.configuredPathMissing(location.configured));
    return;
  }
  if (location.kind === "missing") {
    output?.error("no nianbao executable: not configured, not bundled, not on PATH");
    void reportMissing(t.serverNotFound);
    return;
  }
  output?.info(`starting ${location.command} lsp (${location.source})`);
  const serverOptions: ServerOptions = {
    command: location.command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  let c: NianbaoClient;
  const clientOptions: LanguageClientOptions = {
    documentSelector: SCHEMES.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))),
    initializationOptions: () => serverSettings(),
    synchronize: { configurationSection: "nianbao" },
    outputChannel: output,
    middleware: {
      workspace: {
        // A client being replaced (nianbao.server.path changed, restart) tells its server nothing.
        didChangeConfiguration: (sections, next) =>
          client === c && c.isRunning() ? next(sections) : Promise.resolve(),
      },
    },
  };
  c = new NianbaoClient("nianbao", "nianbao", serverOptions, clientOptions);
  c.onDidChangeState((e) => {
    if (client === c) {
      status?.setRunning(e.newState === State.Running);
    }
  });
  client = c;
  try {
    await c.start();
  } catch (e) {
    const text = t.startFailed(e instanceof Error ? e.message : String(e));
    output?.error(text);
    void vscode.window.showErrorMessage(text, t.showLog).then((choice) => {
      if (choice === t.showLog) {
        output?.show();
      }
    });
  }
  if (client === c) {
    status?.setRunning(c.isRunning());
  }
}

async function stop(c: NianbaoClient | undefined): Promise<void> {
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output?.warn(`stopping the server: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Forgets the current client at once (so it sends nothing more) and returns it. */
function retire(): NianbaoClient | undefined {
  const c = client;
  client = undefined;
  status?.setRunning(false);
  return c;
}

function restart(context: vscode.ExtensionContext): Promise<void> {
  const old = retire();
  starting = starting.then(async () => {
    await stop(old);
    await startClient(context);
  });
  return starting;
}

/** Runs the server's command `command` on the active document. */
async function runServerCommand(command: string): Promise<void> {
  const t = messages();
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(t.noEditor);
    return;
  }
  await starting;
  const c = client;
  if (!c || !c.isRunning()) {
    void vscode.window.showErrorMessage(t.notRunning);
    return;
  }
  try {
    const uri = c.code2ProtocolConverter.asUri(editor.document.uri);
    const applied = await c.sendRequest(ExecuteCommandRequest.type, { command, arguments: [uri] });
    if (applied === false) {
      void vscode.window.showInformationMessage(t.notApplied);
    }
  } catch (e) {
    void vscode.window.showErrorMessage(t.commandFailed(e instanceof Error ? e.message : String(e)));
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("nianbao", { log: true });
  status = new StatusItem();
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("nianbao.restartServer", async () => {
      await restart(context);
      if (client?.isRunning()) {
        void vscode.window.setStatusBarMessage(messages().restarted, 3000);
      }
    }),
    vscode.commands.registerCommand("nianbao.insertTemplate", () =>
      runServerCommand("nianbao.insertTemplate"),
    ),
    vscode.commands.registerCommand("nianbao.fixAll", () => runServerCommand("nianbao.fixAll")),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("nianbao.server.path")) {
        void restart(context);
      }
    }),
  );
  starting = startClient(context);
  await starting;
}

export async function deactivate(): Promise<void> {
  await stop(retire());
}
