// Unit test of editors/vscode/src/server.ts (how the extension finds the nianbao executable),
// run with `node --test` on the module bundled by esbuild; `run` passes its path in
// NIANBAO_SERVER_MODULE.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");

const { locateServer, expandPath, onPath } = require(process.env.NIANBAO_SERVER_MODULE);

const temps = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-locate-"));
  temps.push(dir);
  return dir;
}
test.after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function exe(file, mode = 0o755) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "#!/bin/sh\n");
  fs.chmodSync(file, mode);
  return file;
}

test("the setting wins, relative to the workspace folder", () => {
  const ext = tempDir();
  const ws = tempDir();
  exe(path.join(ext, "server", "nianbao"));
  const tool = exe(path.join(ws, "tools", "nianbao"));
  assert.deepEqual(locateServer("tools/nianbao", ext, ws), { kind: "found", command: tool, source: "setting" });
  assert.deepEqual(locateServer(tool, ext, undefined), { kind: "found", command: tool, source: "setting" });
});

test("a setting naming a missing or non-executable file is reported, not skipped", () => {
  const ext = tempDir();
  const ws = tempDir();
  exe(path.join(ext, "server", "nianbao"));
  assert.deepEqual(locateServer("bin/nianbao", ext, ws), { kind: "badSetting", configured: path.join(ws, "bin", "nianbao") });
  const plain = exe(path.join(ws, "plain"), 0o644);
  assert.equal(locateServer(plain, ext, ws).kind, "badSetting");
  assert.equal(locateServer(ws, ext, ws).kind, "badSetting", "a directory is not an executable");
});

test("the bundled server, with its exec bit put back if an unpacker dropped it", () => {
  const ext = tempDir();
  const bundled = exe(path.join(ext, "server", "nianbao"), 0o644);
  assert.deepEqual(locateServer("  ", ext, undefined), { kind: "found", command: bundled, source: "bundled" });
  assert.ok(fs.statSync(bundled).mode & 0o100);
});

test("then nianbao on PATH, else missing", () => {
  const ext = tempDir();
  const bin = tempDir();
  const saved = process.env.PATH;
  try {
    process.env.PATH = [path.join(bin, "nothing-here"), bin].join(path.delimiter);
    assert.deepEqual(locateServer("", ext, undefined), { kind: "missing" });
    const onpath = exe(path.join(bin, "nianbao"));
    assert.equal(onPath(), onpath);
    assert.deepEqual(locateServer("", ext, undefined), { kind: "found", command: onpath, source: "path" });
  } finally {
    process.env.PATH = saved;
  }
});

test("~ is the home directory", () => {
  assert.equal(expandPath("~/bin/nianbao", "/ws"), path.join(os.homedir(), "bin", "nianbao"));
  assert.equal(expandPath("/opt/nianbao", "/ws"), "/opt/nianbao");
  assert.equal(expandPath("nianbao", undefined), "nianbao");
});

test("the order: setting, then bundled, then PATH (the universal package has no bundled server)", () => {
  const ext = tempDir();
  const bin = tempDir();
  const ws = tempDir();
  const saved = process.env.PATH;
  try {
    process.env.PATH = bin;
    const onpath = exe(path.join(bin, "nianbao"));
    assert.deepEqual(locateServer("", ext, ws), { kind: "found", command: onpath, source: "path" });
    const bundled = exe(path.join(ext, "server", "nianbao"));
    assert.deepEqual(locateServer("", ext, ws), { kind: "found", command: bundled, source: "bundled" });
    const tool = exe(path.join(ws, "nianbao-dev"));
    assert.deepEqual(locateServer(tool, ext, ws), { kind: "found", command: tool, source: "setting" });
  } finally {
    process.env.PATH = saved;
  }
});
