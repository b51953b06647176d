-- Headless Neovim end to end: the nianbao plugin (editors/neovim) against the real server.
--
--   NB_MODE=plugin|lspdir NB_CMD=/path/to/nianbao NB_PROJECT=/tmp/project \
--     nvim --headless --clean --cmd "set rtp^=editors/neovim" -c "luafile tests/editors/neovim/test.lua"
--
-- plugin: require("nianbao").setup{...} (Neovim 0.7 and 0.11+).
-- lspdir: the shipped lsp/nianbao.lua with vim.lsp.enable("nianbao") (Neovim 0.11+ only).
--
-- Prints what it checks; on failure prints the diagnostics and buffer lines it saw and exits 1.

local MODE = os.getenv("NB_MODE") or "plugin"
local CMD = { assert(os.getenv("NB_CMD"), "NB_CMD not set"), "lsp" }
local PROJECT = assert(os.getenv("NB_PROJECT"), "NB_PROJECT not set")
local TIMEOUT = tonumber(os.getenv("NB_TIMEOUT_MS") or "15000")

local REPORT = PROJECT .. "/吕梁市教育局2021年度报告.txt" -- filetype nianbao
local COPY = PROJECT .. "/report-copy.txt" -- filetype text, a report by its title
local DRAFT = PROJECT .. "/草稿年报.md" -- filetype nianbao, does not look like a report

local OLD_CELL, NEW_CELL = "本年度止件数", "本年废止件数"
local NB202_MESSAGE = "表头“本年度止件数”有误，应为“本年废止件数”"
local FIX_TITLE = "改为“本年废止件数”"

local function out(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. "\n")
end

-- Everything the client sends to the server, recorded by wrapping the RPC transport.
local sent = {}
do
  local rpc = vim.lsp.rpc
  local start = rpc.start
  rpc.start = function(...)
    local client = start(...)
    local notify, request = client.notify, client.request
    client.notify = function(method, params)
      table.insert(sent, { method = method, params = params })
      return notify(method, params)
    end
    client.request = function(method, params, ...)
      table.insert(sent, { method = method, params = params })
      return request(method, params, ...)
    end
    return client
  end
end

local function sent_messages(method)
  local found = {}
  for _, m in ipairs(sent) do
    if m.method == method then
      table.insert(found, m.params)
    end
  end
  return found
end

local function code_of(d)
  if d.code then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

local function diagnostics(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code == nil or code_of(d) == code then
      table.insert(found, d)
    end
  end
  return found
end

local function nianbao_clients(bufnr)
  local filter = { name = "nianbao", bufnr = bufnr }
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  local found = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == "nianbao" and (not bufnr or vim.lsp.buf_is_attached(bufnr, c.id)) then
      table.insert(found, c)
    end
  end
  return found
end

local function stop_all()
  local clients = nianbao_clients()
  for _, c in ipairs(clients) do
    vim.lsp.stop_client(c.id)
  end
  vim.wait(5000, function()
    for _, c in ipairs(clients) do
      if vim.lsp.get_client_by_id(c.id) ~= nil then
        return false
      end
    end
    return true
  end, 20)
end

local function show(bufnr)
  out("  buffer %s (filetype %s):", vim.api.nvim_buf_get_name(bufnr), vim.bo[bufnr].filetype)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out("    diagnostic %s %d:%d-%d:%d severity=%d %s", tostring(code_of(d)), d.lnum, d.col,
      d.end_lnum or -1, d.end_col or -1, d.severity, d.message)
  end
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i = 50, math.min(56, #lines) do
    out("    line %d: %s", i, lines[i])
  end
end

local function fail(msg)
  error({ nianbao_failure = msg }, 0)
end

local function check(cond, fmt, ...)
  if not cond then
    fail(string.format(fmt, ...))
  end
end

local function wait_for(what, predicate)
  local t0 = vim.loop.hrtime()
  local ok = vim.wait(TIMEOUT, predicate, 20)
  check(ok, "timed out after %d ms waiting for %s", TIMEOUT, what)
  out("ok: %s (%.0f ms)", what, (vim.loop.hrtime() - t0) / 1e6)
end

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function attached_client(bufnr, what)
  local client
  wait_for(what, function()
    client = nianbao_clients(bufnr)[1]
    return client ~= nil and client.initialized ~= false
  end)
  return client
end

local function did_open_language(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  local language
  vim.wait(TIMEOUT, function()
    for _, p in ipairs(sent_messages("textDocument/didOpen")) do
      if p.textDocument.uri == uri then
        language = p.textDocument.languageId
        return true
      end
    end
    return false
  end, 20)
  return language
end

-- Applies the quick fix titled FIX_TITLE at the cursor through vim.lsp.buf.code_action, the way
-- a user picks it: with filter/apply where Neovim has them (0.8+, the release that also
-- brought vim.lsp.buf.format), else by choosing it in vim.ui.select.
local function apply_quick_fix()
  local offered = {}
  local chosen
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local action = item.action or item[2]
      table.insert(offered, action)
      if action.title == FIX_TITLE and not chosen then
        chosen = item
      end
    end
    on_choice(chosen)
  end
  if vim.lsp.buf.format then
    vim.lsp.buf.code_action({
      context = { only = { "quickfix" } },
      filter = function(action)
        table.insert(offered, action)
        return action.title == FIX_TITLE
      end,
      apply = true,
    })
  else
    vim.lsp.buf.code_action({ only = { "quickfix" } })
  end
  return offered
end

local function main()
  out("nvim %s, mode %s", tostring(vim.version and vim.version() and
    string.format("%d.%d.%d", vim.version().major, vim.version().minor, vim.version().patch)), MODE)

  local settings = { nianbao = { rules = { NB401 = "warning" } } }
  if MODE == "plugin" then
    require("nianbao").setup({ cmd = CMD, settings = settings })
  else
    check(vim.lsp.config ~= nil, "lspdir mode needs vim.lsp.config (Neovim 0.11+)")
    vim.lsp.config("nianbao", { cmd = CMD, settings = settings })
    vim.lsp.enable("nianbao")
  end

  -- 1. The report opens as filetype nianbao and the server attaches with the project root.
  local buf = open(REPORT)
  check(vim.bo[buf].filetype == "nianbao", "filetype of %s is %q, expected nianbao", REPORT,
    vim.bo[buf].filetype)
  out("ok: %s has filetype nianbao", vim.fn.fnamemodify(REPORT, ":t"))
  local client = attached_client(buf, "the nianbao client to attach")
  local root = client.config.root_dir
  check(vim.loop.fs_realpath(root) == vim.loop.fs_realpath(PROJECT),
    "root_dir is %s, expected %s (it holds nianbao.toml)", tostring(root), PROJECT)
  out("ok: root_dir is the directory holding nianbao.toml")
  check(did_open_language(buf) == "nianbao", "didOpen languageId for the report is %s",
    tostring(did_open_language(buf)))
  out("ok: didOpen languageId nianbao")
  local init = sent_messages("initialize")[1]
  local init_options = init and init.initializationOptions
  check(type(init_options) == "table" and init_options.rules and init_options.rules.NB401 == "warning",
    "initializationOptions do not carry the settings: %s", vim.inspect(init_options))
  out("ok: settings sent as initializationOptions")
  out("   (position encoding %s)", tostring(client.offset_encoding))

  -- 2. The findings, at the right places.
  wait_for("NB202 and NB401 on the report", function()
    return #diagnostics(buf, "NB202") > 0 and #diagnostics(buf, "NB401") > 0
  end)
  local line54 = vim.api.nvim_buf_get_lines(buf, 53, 54, true)[1]
  local s = line54:find(OLD_CELL, 1, true)
  check(s ~= nil, "line 54 does not hold %s: %s", OLD_CELL, line54)
  local byte_col = s - 1
  local char_col = vim.fn.strchars(line54:sub(1, byte_col)) + 1
  -- The CLI reports this finding at 54:13 (characters); Neovim counts bytes from 0.
  check(char_col == 13, "the cell starts at character column %d, expected 13", char_col)
  check(byte_col == 32, "the cell starts at byte column %d, expected 32", byte_col)
  local d = diagnostics(buf, "NB202")[1]
  check(d.lnum == 53 and d.col == byte_col, "NB202 at %d:%d, expected 53:%d (0-based line:byte)",
    d.lnum, d.col, byte_col)
  check(d.end_lnum == 53 and d.end_col == byte_col + #OLD_CELL,
    "NB202 ends at %s:%s, expected 53:%d", tostring(d.end_lnum), tostring(d.end_col),
    byte_col + #OLD_CELL)
  check(d.message == NB202_MESSAGE, "NB202 message %q", d.message)
  check(d.severity == vim.diagnostic.severity.WARN, "NB202 severity %d", d.severity)
  check(d.source == "nianbao", "NB202 source %s", tostring(d.source))
  out("ok: NB202 at line 54, byte column %d (character column 13), message and severity", byte_col)
  local d401 = diagnostics(buf, "NB401")[1]
  local line120 = vim.api.nvim_buf_get_lines(buf, 119, 120, true)[1]
  check(line120 == "六、其他需要报告的事项", "line 120 is %q", line120)
  check(d401.lnum == 119 and d401.col == 0, "NB401 at %d:%d, expected 119:0", d401.lnum, d401.col)
  -- NB401 is an error by default; the settings made it a warning.
  check(d401.severity == vim.diagnostic.severity.WARN,
    "NB401 severity %d: the setting rules.NB401 = warning did not apply", d401.severity)
  out("ok: NB401 at line 120, a warning as the settings say")

  -- 3. The quick fix, through the client's code-action API.
  vim.api.nvim_win_set_cursor(0, { 54, byte_col })
  local offered = apply_quick_fix()
  local want = line54:gsub(OLD_CELL, NEW_CELL)
  wait_for("the quick fix to change line 54", function()
    return vim.api.nvim_buf_get_lines(buf, 53, 54, true)[1] ~= line54
  end)
  local action
  for _, a in ipairs(offered) do
    if a.title == FIX_TITLE then
      action = a
    end
  end
  check(action ~= nil, "no action titled %s was offered", FIX_TITLE)
  check(action.kind == "quickfix" and action.isPreferred == true,
    "the fix is kind %s, preferred %s", tostring(action.kind), tostring(action.isPreferred))
  local now = vim.api.nvim_buf_get_lines(buf, 53, 54, true)[1]
  check(now == want, "line 54 after the fix is %q, expected %q", now, want)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), "\n")
  check(text:find(NEW_CELL, 1, true) and not text:find(OLD_CELL, 1, true),
    "the buffer still holds %s or lacks %s", OLD_CELL, NEW_CELL)
  out("ok: quick fix %s (preferred) applied: line 54 now reads %s", FIX_TITLE, NEW_CELL)

  -- 4. The diagnostics follow the edit.
  wait_for("NB202 to disappear after the fix (NB401 still there)", function()
    return #diagnostics(buf, "NB202") == 0 and #diagnostics(buf, "NB401") > 0
  end)

  -- 5. A plain-text copy: languageId plaintext, same client (same root), checked by its title.
  local copy = open(COPY)
  check(vim.bo[copy].filetype == "text", "filetype of the copy is %q", vim.bo[copy].filetype)
  local client2 = attached_client(copy, "the client to attach to the plain-text copy")
  check(client2.id == client.id, "a second client was started for the same root")
  check(did_open_language(copy) == "plaintext", "didOpen languageId for filetype text is %s",
    tostring(did_open_language(copy)))
  out("ok: filetype text is sent as languageId plaintext, on the same client")
  wait_for("NB202 on the plain-text copy", function()
    return #diagnostics(copy, "NB202") > 0
  end)

  -- 6. A *年报*.md draft that does not look like a report is checked because it is nianbao.
  local draft = open(DRAFT)
  check(vim.bo[draft].filetype == "nianbao", "filetype of %s is %q", DRAFT, vim.bo[draft].filetype)
  attached_client(draft, "the client to attach to the 年报 draft")
  check(did_open_language(draft) == "nianbao", "didOpen languageId for the draft is %s",
    tostring(did_open_language(draft)))
  wait_for("NB101 on the draft (checked as a nianbao document)", function()
    return #diagnostics(draft, "NB101") > 0
  end)

  -- 7. The plugin's command: fix all safe fixes of the copy via workspace/executeCommand.
  if MODE == "plugin" then
    vim.cmd("buffer " .. copy)
    vim.cmd("NianbaoFixAll")
    wait_for(":NianbaoFixAll to fix the copy's header cell", function()
      return vim.api.nvim_buf_get_lines(copy, 53, 54, true)[1] == want
    end)

    -- 8. setup() again with other settings reaches the running server (no restart).
    local caps = client.config.capabilities or {}
    local refresh = vim.tbl_get(caps, "workspace", "diagnostics", "refreshSupport")
    local pull_only = client.server_capabilities.diagnosticProvider and not refresh
    require("nianbao").setup({ cmd = CMD, settings = { rules = { NB401 = "error" } } })
    if pull_only then
      -- A client that pulls diagnostics but cannot be told to pull again (no
      -- workspace.diagnostics.refreshSupport, e.g. Neovim 0.12-dev) shows new findings after
      -- the next change of the document; the server may still be fetching the new settings
      -- when the first change arrives, so keep making changes that alter no finding.
      out("   (pull diagnostics without refresh support: changes make Neovim pull again)")
      vim.cmd("buffer " .. buf) -- Neovim pulls for visible buffers only
    end
    local last_change = 0
    wait_for("NB401 to become an error after setup() with new settings", function()
      local d = diagnostics(buf, "NB401")[1]
      if d ~= nil and d.severity == vim.diagnostic.severity.ERROR then
        return true
      end
      if pull_only and vim.loop.now() - last_change > 300 then
        last_change = vim.loop.now()
        vim.api.nvim_buf_set_lines(buf, -1, -1, true, { "" })
      end
      return false
    end)
    check(#nianbao_clients() == 1 and nianbao_clients()[1].id == client.id,
      "setup() again started another client")
  end

  stop_all()
  check(#nianbao_clients() == 0, "clients still running after stop")
  out("ok: server stopped")
end

local ok, err = pcall(main)
if ok then
  out("OK")
  vim.cmd("qall!")
else
  local msg = type(err) == "table" and err.nianbao_failure or ("error: " .. tostring(err))
  out("FAIL: %s", msg)
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.api.nvim_buf_get_name(bufnr) ~= "" then
      show(bufnr)
    end
  end
  out("  sent to the server: %s", table.concat(vim.tbl_map(function(m)
    return m.method
  end, sent), ", "))
  stop_all()
  vim.cmd("cquit 1")
end
