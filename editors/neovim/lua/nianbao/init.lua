-- nianbao for Neovim: starts `nianbao lsp` for report drafts.
--
--   require("nianbao").setup({
--     cmd = { "nianbao", "lsp" },                 -- optional
--     settings = { nianbao = { layout = "auto" } }, -- or the inner table directly
--     filetypes = { "nianbao", "text", "markdown" },
--   })
--
-- On Neovim 0.11+ (vim.lsp.config / vim.lsp.enable) the server is registered as the LSP
-- configuration "nianbao" and enabled; on older versions (0.7 and up) a client is started
-- per root directory with vim.lsp.start_client and attached on FileType.

local filetype = require("nianbao.filetype")

local M = {}

M.name = "nianbao"
M.root_markers = { "nianbao.toml", ".git" }
M.default_filetypes = { "nianbao", "text", "markdown" }

-- Protocol language identifiers for Neovim filetypes that differ from the filetype name.
local language_ids = { text = "plaintext", nianbao = "nianbao", markdown = "markdown" }

local state = {
  opts = nil,
  clients = {}, -- root_dir -> client id (the start_client path)
  group = nil,
}

--- The protocol languageId of a buffer: `plaintext` for filetype text, the filetype otherwise.
function M.language_id(_, ft)
  return language_ids[ft] or ft
end

local function is_dir(path)
  local stat = vim.loop.fs_stat(path)
  return stat ~= nil and stat.type == "directory"
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

--- The directory holding the nearest nianbao.toml or .git above `path`, else the directory of
--- `path` itself.
function M.find_root(path)
  path = vim.fn.fnamemodify(path, ":p")
  local start = is_dir(path) and path or vim.fn.fnamemodify(path, ":h")
  start = start:gsub("/+$", "")
  if start == "" then
    start = "/"
  end
  local dir = start
  while true do
    for _, marker in ipairs(M.root_markers) do
      if exists(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

-- Accepts `settings = { layout = ... }` as well as `settings = { nianbao = { layout = ... } }`.
-- An empty table is sent as a JSON object, not an array.
local function inner_settings(settings)
  settings = settings or {}
  if type(settings.nianbao) == "table" then
    settings = settings.nianbao
  end
  if next(settings) == nil then
    return vim.empty_dict()
  end
  return settings
end

local known = { cmd = true, settings = true, filetypes = true }

--- The LSP client configuration for the options given to setup (also usable with
--- nvim-lspconfig or vim.lsp.config directly).
function M.config(opts)
  opts = opts or state.opts or {}
  local inner = inner_settings(vim.deepcopy(opts.settings))
  local config = {
    name = M.name,
    cmd = opts.cmd or { "nianbao", "lsp" },
    filetypes = opts.filetypes or M.default_filetypes,
    root_markers = M.root_markers,
    init_options = inner,
    settings = { nianbao = inner },
    get_language_id = M.language_id,
  }
  -- Anything else (on_attach, capabilities, handlers, ...) goes to the client as given.
  for k, v in pairs(opts) do
    if not known[k] then
      config[k] = v
    end
  end
  return config
end

local function buffer_path(bufnr)
  if vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return nil
  end
  return name
end

local function wanted_filetype(bufnr, filetypes)
  local ft = vim.bo[bufnr].filetype
  for _, f in ipairs(filetypes) do
    if f == ft then
      return true
    end
  end
  return false
end

local function get_clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  local out = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if (not filter.name or client.name == filter.name)
      and (not filter.bufnr or vim.lsp.buf_is_attached(filter.bufnr, client.id))
    then
      table.insert(out, client)
    end
  end
  return out
end

--- The running nianbao clients (optionally only those attached to `bufnr`).
function M.clients(bufnr)
  return get_clients({ name = M.name, bufnr = bufnr })
end

-- Requests with the calling convention of the running Neovim: methods (client:request) from
-- 0.11, plain functions (client.request) before.
local function request(client, method, params, handler, bufnr)
  if vim.lsp.config then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function notify(client, method, params)
  if vim.lsp.config then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

-- The start_client path (Neovim before vim.lsp.config): one client per root directory.
local function attach_legacy(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) then
    return
  end
  local config = M.config()
  local path = buffer_path(bufnr)
  if not path or not wanted_filetype(bufnr, config.filetypes) then
    return
  end
  local root = M.find_root(path)
  local id = state.clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    config.root_dir = root
    config.root_markers = nil
    config.filetypes = nil
    config.workspace_folders = {
      { uri = vim.uri_from_fname(root), name = root },
    }
    id = vim.lsp.start_client(config)
    if not id then
      return
    end
    state.clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

local function setup_legacy()
  state.group = vim.api.nvim_create_augroup("nianbao_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = state.group,
    pattern = "*",
    callback = function(args)
      -- Deferred: a later autocommand of the same event may still change the filetype
      -- (e.g. text -> nianbao), and didOpen must carry the final languageId.
      vim.schedule(function()
        attach_legacy(args.buf)
      end)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      attach_legacy(bufnr)
    end
  end
end

local function setup_native()
  local config = M.config()
  config.root_markers = nil
  config.root_dir = function(bufnr, on_dir)
    local path = buffer_path(bufnr)
    if path then
      on_dir(M.find_root(path))
    end
  end
  vim.lsp.config[M.name] = config
  vim.lsp.enable(M.name)
end

local function define_commands()
  local function run(command)
    return function()
      local bufnr = vim.api.nvim_get_current_buf()
      local clients = M.clients(bufnr)
      if #clients == 0 then
        vim.notify("nianbao: no language server attached to this buffer", vim.log.levels.WARN)
        return
      end
      request(clients[1], "workspace/executeCommand", {
        command = command,
        arguments = { vim.uri_from_bufnr(bufnr) },
      }, function(err)
        if err then
          vim.notify("nianbao: " .. tostring(err.message or err), vim.log.levels.ERROR)
        end
      end, bufnr)
    end
  end
  vim.api.nvim_create_user_command("NianbaoFixAll", run("nianbao.fixAll"), {
    desc = "nianbao: apply every safe fix in this report",
  })
  vim.api.nvim_create_user_command("NianbaoInsertTemplate", run("nianbao.insertTemplate"), {
    desc = "nianbao: insert the report template into an empty draft",
  })
end

-- Settings changed by a later setup() reach running servers without a restart.
local function push_settings()
  local inner = inner_settings(vim.deepcopy(state.opts.settings))
  for _, client in ipairs(M.clients()) do
    client.config.settings = { nianbao = inner }
    if vim.lsp.config then
      client.settings = client.config.settings
    end
    notify(client, "workspace/didChangeConfiguration", { settings = { nianbao = inner } })
  end
end

function M.setup(opts)
  local first = state.opts == nil
  state.opts = vim.deepcopy(opts or {})
  filetype.register()
  if not first then
    push_settings()
  end
  if vim.lsp.config and vim.lsp.enable then
    setup_native()
  else
    setup_legacy()
  end
  define_commands()
end

return M
