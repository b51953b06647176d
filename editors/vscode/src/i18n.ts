// Messages shown by the extension itself, in Chinese or English after the VS Code display
// language. (The server's own messages follow the `nianbao.locale` setting.)
import * as vscode from "vscode";

const zh = {
  serverNotFound:
    "找不到 nianbao 语言服务器：这个扩展包没有自带服务器，PATH 中也没有 nianbao。请从下载页面安装 nianbao（或改装本平台自带服务器的扩展包），或在设置 `nianbao.server.path` 中填写 nianbao 可执行文件的路径。",
  configuredPathMissing: (p: string) =>
    `设置 nianbao.server.path 指向的文件不存在或不可执行：${p}。请改正该设置，或清空它以使用扩展自带的服务器。`,
  startFailed: (e: string) => `nianbao 语言服务器启动失败：${e}`,
  openSettings: "打开设置",
  download: "打开下载页面",
  showLog: "查看日志",
  notRunning: "nianbao 语言服务器未运行",
  noEditor: "没有打开的文档。",
  notApplied: "nianbao：没有可应用的修改。",
  commandFailed: (e: string) => `nianbao 命令执行失败：${e}`,
  statusOk: "年报检查：没有错误或警告",
  statusProblems: (errors: number, warnings: number) =>
    `年报检查：${errors} 个错误，${warnings} 个警告`,
  statusNotes: (n: number) => `另有 ${n} 条提示`,
  statusClick: "点击打开“问题”面板",
  statusStopped: "nianbao 语言服务器未运行，点击重新启动",
  restarted: "nianbao 语言服务器已重新启动。",
};

type Messages = typeof zh;

const en: Messages = {
  serverNotFound:
    "The nianbao language server was not found: this package of the extension bundles none, and there is no nianbao on PATH. Install nianbao from the download page (or the extension's package for this platform, which bundles it), or set `nianbao.server.path` to the nianbao executable.",
  configuredPathMissing: (p: string) =>
    `The file set in nianbao.server.path does not exist or is not executable: ${p}. Correct the setting, or clear it to use the server bundled with the extension.`,
  startFailed: (e: string) => `The nianbao language server failed to start: ${e}`,
  openSettings: "Open Settings",
  download: "Open Download Page",
  showLog: "Show Log",
  notRunning: "The nianbao language server is not running",
  noEditor: "No document is open.",
  notApplied: "nianbao: nothing to change.",
  commandFailed: (e: string) => `The nianbao command failed: ${e}`,
  statusOk: "Report check: no errors or warnings",
  statusProblems: (errors: number, warnings: number) =>
    `Report check: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
  statusNotes: (n: number) => `and ${n} note${n === 1 ? "" : "s"}`,
  statusClick: "Click to open the Problems panel",
  statusStopped: "The nianbao language server is not running; click to restart it",
  restarted: "The nianbao language server was restarted.",
};

/** Whether `language` (a VS Code display language such as `zh-cn`) is Chinese. */
export function isChinese(language: string): boolean {
  return language.toLowerCase().startsWith("zh");
}

export function messages(): Messages {
  return isChinese(vscode.env.language) ? zh : en;
}
