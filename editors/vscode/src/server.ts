// Finding the nianbao executable: the `nianbao.server.path` setting, else the binary bundled
// in the extension (server/nianbao), else `nianbao` on PATH.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type ServerLocation =
  | { kind: "found"; command: string; source: "setting" | "bundled" | "path" }
  | { kind: "badSetting"; configured: string }
  | { kind: "missing" };

const EXE = process.platform === "win32" ? "nianbao.exe" : "nianbao";

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~` and relative paths: home directory, then the first workspace folder. */
export function expandPath(configured: string, workspaceFolder: string | undefined): string {
  let p = configured.trim();
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p) && workspaceFolder) {
    p = path.join(workspaceFolder, p);
  }
  return p;
}

/** The first `nianbao` executable on PATH. */
export function onPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter((d) => d !== "");
  const names =
    process.platform === "win32"
      ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").map((ext) => "nianbao" + ext.toLowerCase())
      : ["nianbao"];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

export function locateServer(
  configured: string,
  extensionPath: string,
  workspaceFolder: string | undefined,
): ServerLocation {
  if (configured.trim() !== "") {
    const p = expandPath(configured, workspaceFolder);
    return isExecutable(p)
      ? { kind: "found", command: p, source: "setting" }
      : { kind: "badSetting", configured: p };
  }
  const bundled = path.join(extensionPath, "server", EXE);
  if (fs.existsSync(bundled)) {
    if (!isExecutable(bundled) && process.platform !== "win32") {
      // Some unpackers drop the exec bit; put it back.
      try {
        fs.chmodSync(bundled, 0o755);
      } catch {
        // reported below as not found
      }
    }
    if (isExecutable(bundled)) {
      return { kind: "found", command: bundled, source: "bundled" };
    }
  }
  const found = onPath();
  return found ? { kind: "found", command: found, source: "path" } : { kind: "missing" };
}
