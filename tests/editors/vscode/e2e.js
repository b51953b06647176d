// Drives a real VS Code (code-server) in headless Chromium and checks the nianbao extension:
//   1. opening a seed report shows its findings (NB202, NB401) in the Problems panel and
//      `年报 ✗ 2` in the status bar;
//   2. at 54:13 the quick fix menu (Ctrl+.) offers 改为“本年废止件数”; choosing it corrects the
//      editor text, NB202 leaves the Problems panel and the status bar says `年报 ✗ 1`;
//   3. a clean Markdown draft shows `年报 ✓`; typing X into a header cell brings NB202 and
//      `年报 ✗ 1`; the command `nianbao: Apply all safe fixes` puts it right again;
//   4. an empty `*年报*.txt` file opens in the 年报 language, and the command
//      `nianbao: Insert the report template` fills it with the six sections;
//   5. a workspace setting nianbao.server.path = tools/nianbao, missing, brings an error
//      message naming <folder>/tools/nianbao and `年报 ⊘`; once the file exists,
//      `nianbao: Restart the language server` starts it; removing the setting brings the
//      bundled server back;
//   6. a workspace setting nianbao.locale = en turns the findings English without a restart.
// Every wait is on a condition with a deadline; on failure it prints what the editor showed,
// saves failure.png and exits 1.
//
// Usage: node e2e.js --url URL --folder DIR --artefacts DIR --report NAME --markdown NAME
//          --empty NAME --server NIANBAO_BINARY --logs CODE_SERVER_LOGS_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const opts = {};
for (let i = 2; i < process.argv.length; i += 2) {
  opts[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
}
for (const k of ["url", "folder", "artefacts", "report", "markdown", "empty", "server", "logs"]) {
  if (!opts[k]) {
    console.error(`e2e.js: missing --${k}`);
    process.exit(2);
  }
}

const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60000);
const t0 = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...a);
const shot = (page, name) => page.screenshot({ path: path.join(opts.artefacts, name) });

/** Calls `probe` until it returns a truthy value, or throws after `ms` naming `what`. */
async function until(what, probe, ms = TIMEOUT) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) {
        return last;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}` + (last instanceof Error ? ` (${last.message})` : ""));
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const squash = (s) => s.replace(/[\s\u00a0]+/g, " ").trim();
const texts = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.innerText));

const problemRows = async (page) => (await texts(page, ".markers-panel .monaco-list-row")).map(squash);
const statusItems = async (page) => (await texts(page, ".part.statusbar .statusbar-item")).map(squash);
const nianbaoStatus = async (page) => (await statusItems(page)).find((t) => t.startsWith("年报 ")) || "";
const notifications = async (page) => (await texts(page, ".notification-toast, .notifications-center .monaco-list-row")).map(squash);
/** The text of the lines the active editor shows (spaces as rendered). */
const editorText = async (page) => {
  const lines = await page.$$eval(".part.editor .editor-group-container.active .monaco-editor .view-lines .view-line", (els) =>
    els
      .map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.innerText.replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
  return lines.join("\n");
};
/** The extension's own log (its output channel): logs/<session>/exthost<N>/nianbao.nianbao/. */
const extensionLog = () => {
  let text = "";
  for (const session of fs.readdirSync(opts.logs)) {
    for (const host of fs.readdirSync(path.join(opts.logs, session)).filter((d) => d.startsWith("exthost"))) {
      const file = path.join(opts.logs, session, host, "nianbao.nianbao", "nianbao.log");
      if (fs.existsSync(file)) {
        text += fs.readFileSync(file, "utf8");
      }
    }
  }
  return text;
};
const activeTab = async (page) => squash((await texts(page, ".tabs-container .tab.active"))[0] || "");

async function runCommand(page, title, expect) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input").first();
  await input.waitFor({ state: "visible", timeout: TIMEOUT });
  await input.fill(">" + title);
  const row = page.locator(".quick-input-widget .monaco-list-row", { hasText: expect }).first();
  await row.waitFor({ state: "visible", timeout: TIMEOUT });
  await row.click();
}

async function openFile(page, name) {
  // Double-click in the Explorer opens the file in a pinned editor.
  const row = page.locator(".explorer-folders-view .monaco-list-row", { hasText: name }).first();
  await row.waitFor({ state: "visible", timeout: TIMEOUT });
  await row.dblclick();
  await until(`the editor tab of ${name}`, async () => (await activeTab(page)).includes(name));
  await page.locator(".part.editor .editor-group-container.active .monaco-editor .view-lines").first().waitFor({ timeout: TIMEOUT });
}

async function main(page) {
  await page.goto(`${opts.url}/?folder=${encodeURIComponent(opts.folder)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: TIMEOUT });
  log("workbench loaded");

  // --- 1. findings ---------------------------------------------------------------------------
  await openFile(page, opts.report);
  log(`opened ${opts.report}`);
  await page.keyboard.press("Control+Shift+M");
  const rows = await until("NB202 and NB401 in the Problems panel", async () => {
    const r = await problemRows(page);
    const ok =
      r.some((t) => t.includes("表头“本年度止件数”有误，应为“本年废止件数”") && t.includes("NB202")) &&
      r.some((t) => t.includes("没有报告信息处理费情况") && t.includes("NB401"));
    return ok && r;
  });
  rows.forEach((r) => log("  problem:", r));
  await until("the status bar item 年报 ✗ 2", async () => (await nianbaoStatus(page)) === "年报 ✗ 2");
  log("status bar:", await nianbaoStatus(page));
  await shot(page, "1-problems.png");

  // --- 2. quick fix ----------------------------------------------------------------------------
  await page.keyboard.press("Control+G");
  const goto = page.locator(".quick-input-widget input").first();
  await goto.waitFor({ state: "visible", timeout: TIMEOUT });
  await goto.fill(":54:13");
  await until("the Go to Line input to accept 54:13", async () =>
    (await page.locator(".quick-input-widget").first().innerText()).includes("54"),
  );
  await page.keyboard.press("Enter");
  // The status bar counts columns with tabs expanded: character 13 of line 54 (after two
  // tabs, size 4) shows as Col 17.
  const cursor = await until("the cursor at line 54, character 13", async () =>
    (await statusItems(page)).find((t) => /^Ln 54, Col (13|17)$/.test(t)),
  );
  log("cursor:", cursor);

  const fixTitle = "改为“本年废止件数”";
  const fixRow = page.locator(".action-widget .monaco-list-row", { hasText: fixTitle }).first();
  await until(`the quick fix ${fixTitle}`, async () => {
    if (await fixRow.isVisible()) {
      return true;
    }
    // The menu may have opened before the server answered: close it and ask again.
    if (await page.locator(".action-widget").first().isVisible()) {
      await page.keyboard.press("Escape");
    }
    await page.keyboard.press("Control+.");
    await page.locator(".action-widget .monaco-list-row").first().waitFor({ state: "visible", timeout: 5000 });
    return fixRow.isVisible();
  });
  const menu = (await texts(page, ".action-widget .monaco-list-row")).map(squash);
  menu.forEach((m) => log("  quick fix menu:", m));
  await shot(page, "2-quick-fix.png");
  // Choose it with the keyboard (the menu blocks the pointer until the mouse moves): move the
  // focus down to it, then Enter.
  const focusedFix = page.locator(".action-widget .monaco-list-row.focused", { hasText: fixTitle });
  for (let i = 0; i < menu.length && !(await focusedFix.isVisible()); i++) {
    await page.keyboard.press("ArrowDown");
  }
  await until(`the focus on ${fixTitle}`, () => focusedFix.isVisible(), 5000);
  await page.keyboard.press("Enter");
  log(`chose ${fixTitle}`);

  await until("本年废止件数 in the editor text", async () => {
    const text = await editorText(page);
    return text.includes("本年废止件数") && !text.includes("本年度止件数");
  });
  const line54 = (await editorText(page)).split("\n").find((l) => l.includes("本年废止件数"));
  log("editor line:", squash(line54));
  await until("NB202 to leave the Problems panel (NB401 stays)", async () => {
    const r = await problemRows(page);
    return !r.some((t) => t.includes("NB202")) && r.some((t) => t.includes("NB401"));
  });
  log("NB202 gone from the Problems panel");
  await until("the status bar item 年报 ✗ 1", async () => (await nianbaoStatus(page)) === "年报 ✗ 1");
  log("status bar:", await nianbaoStatus(page));
  await shot(page, "3-fixed.png");

  // --- 3. Markdown: a clean draft, an edit, and the fix-all command --------------------------
  await openFile(page, opts.markdown);
  await until("the language mode Markdown", async () => (await statusItems(page)).includes("Markdown"));
  await until("the status bar item 年报 ✓ for the clean draft", async () => (await nianbaoStatus(page)) === "年报 ✓");
  log(`opened ${opts.markdown}: Markdown, status bar`, await nianbaoStatus(page));
  await page.keyboard.press("Control+G");
  await goto.waitFor({ state: "visible", timeout: TIMEOUT });
  await goto.fill(":13:22");
  await until("the Go to Line input to accept 13:22", async () =>
    (await page.locator(".quick-input-widget").first().innerText()).includes("13"),
  );
  await page.keyboard.press("Enter");
  await until("the cursor at line 13", async () => (await statusItems(page)).find((t) => t.startsWith("Ln 13, ")));
  await page.keyboard.type("X");
  await until("NB202 for the typed header 本年废X止件数", async () =>
    (await problemRows(page)).some((t) => t.includes("本年废X止件数") && t.includes("NB202")),
  );
  await until("the status bar item 年报 ✗ 1", async () => (await nianbaoStatus(page)) === "年报 ✗ 1");
  log("typed X into a header: NB202 and", await nianbaoStatus(page));
  await runCommand(page, "nianbao: Apply all safe fixes", "Apply all safe fixes");
  log("ran nianbao: Apply all safe fixes");
  await until("the header restored and 年报 ✓", async () => {
    const text = await editorText(page);
    return text.includes("| 本年废止件数 |") && !text.includes("本年废X止件数") && (await nianbaoStatus(page)) === "年报 ✓";
  });
  log("fixed: 年报 ✓");

  // --- 4. the 年报 language and the insert-template command -------------------------------------
  await openFile(page, opts.empty);
  await until("the language mode 年报 for the empty draft", async () => (await statusItems(page)).includes("年报"));
  log(`opened ${opts.empty} in the 年报 language`);
  await runCommand(page, "nianbao: Insert the report template", "Insert the report template");
  log("ran nianbao: Insert the report template");
  await until("the template's sections in the editor", async () => {
    const text = await editorText(page);
    return text.includes("一、总体情况") && text.includes("主动公开政府信息情况") ? text : false;
  });
  log("template inserted");
  await shot(page, "4-template.png");

  // --- 5. nianbao.server.path and the restart command -----------------------------------------
  // A workspace setting naming a file that does not exist yet (a relative path is taken from
  // the workspace folder): an error message names it and the server stops.
  const vscodeDir = path.join(opts.folder, ".vscode");
  const tool = path.join(opts.folder, "tools", "nianbao");
  fs.mkdirSync(vscodeDir, { recursive: true });
  fs.writeFileSync(path.join(vscodeDir, "settings.json"), JSON.stringify({ "nianbao.server.path": "tools/nianbao" }));
  await until("the error message naming the missing nianbao.server.path", async () =>
    (await notifications(page)).find((t) => t.includes("nianbao.server.path") && t.includes(tool)),
  );
  await until("the status bar item 年报 ⊘ (server not running)", async () => (await nianbaoStatus(page)) === "年报 ⊘");
  log("nianbao.server.path = tools/nianbao (missing): error message, status bar 年报 ⊘");
  await shot(page, "5-bad-server-path.png");

  // The file appears; `nianbao: Restart the language server` starts it.
  const starts = (source) => (extensionLog().match(new RegExp(`starting .* lsp \\(${source}\\)`, "g")) || []).length;
  fs.mkdirSync(path.dirname(tool), { recursive: true });
  fs.copyFileSync(opts.server, tool);
  fs.chmodSync(tool, 0o755);
  await runCommand(page, "nianbao: Restart the language server", "Restart the language server");
  await until("the server started from tools/nianbao", async () => extensionLog().includes(`starting ${tool} lsp (setting)`));
  await until("the status bar item after the restart", async () => /^年报 ✗ \d+$/.test(await nianbaoStatus(page)));
  log("restarted with tools/nianbao: status bar", await nianbaoStatus(page));

  // Without the setting the bundled server comes back, with no restart asked for.
  const bundled = starts("bundled");
  fs.writeFileSync(path.join(vscodeDir, "settings.json"), "{}");
  await until("the bundled server started again", async () => starts("bundled") > bundled);
  await until("the status bar item with the bundled server", async () => /^年报 ✗ \d+$/.test(await nianbaoStatus(page)));
  log("setting removed: bundled server again, status bar", await nianbaoStatus(page));

  // --- 6. settings take effect without a restart ----------------------------------------------
  const startsBefore = starts("bundled") + starts("setting");
  const nb401 = async () => (await problemRows(page)).find((t) => t.includes("NB401")) || "";
  fs.writeFileSync(path.join(vscodeDir, "settings.json"), JSON.stringify({ "nianbao.locale": "en" }));
  await until("NB401 in English after nianbao.locale = en", async () => {
    const row = await nb401();
    return !row.includes("没有报告信息处理费情况") && /\b(the|says|format)\b/.test(row) && row;
  });
  log("nianbao.locale = en:", await nb401());
  fs.writeFileSync(path.join(vscodeDir, "settings.json"), "{}");
  await until("NB401 in Chinese again", async () => (await nb401()).includes("没有报告信息处理费情况"));
  if (starts("bundled") + starts("setting") !== startsBefore) {
    throw new Error("changing nianbao.locale restarted the server");
  }
  log("nianbao.locale cleared: Chinese again, no restart");

  // No other error came up on the way (e.g. from a client being replaced): the notification
  // centre keeps every notification of the session.
  await runCommand(page, "Notifications: Show Notifications", "Show Notifications");
  const all = await until("the notification centre", async () => {
    const rows = await texts(page, ".notifications-center .notification-list-item");
    return rows.length > 0 && rows.map(squash);
  });
  all.forEach((n) => log("  notification:", n));
  const unexpected = all.filter((t) => /fail|error/i.test(t) && !t.includes("nianbao.server.path"));
  if (unexpected.length > 0) {
    throw new Error(`unexpected notifications:\n${unexpected.join("\n")}`);
  }
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--lang=en-US",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "en-US" });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  let code = 0;
  try {
    await main(page);
    log("OK");
  } catch (e) {
    code = 1;
    console.log(`FAIL: ${e.message}`);
    const dump = async (label, f) => {
      try {
        const v = await f();
        console.log(`--- ${label} ---`);
        console.log(Array.isArray(v) ? v.join("\n") : v);
      } catch (err) {
        console.log(`--- ${label}: unavailable (${err.message})`);
      }
    };
    await dump("active tab", () => activeTab(page));
    await dump("Problems panel rows", () => problemRows(page));
    await dump("status bar", () => statusItems(page));
    await dump("notifications", async () => {
      await page.keyboard.press("Escape");
      await runCommand(page, "Notifications: Show Notifications", "Show Notifications");
      await page.waitForTimeout(500); // only to let the list render; not a pass condition
      return notifications(page);
    });
    await dump("editor text (visible lines)", () => editorText(page));
    await dump("page errors", () => pageErrors);
    await shot(page, "failure.png").catch(() => {});
  } finally {
    await browser.close();
  }
  process.exit(code);
})();
