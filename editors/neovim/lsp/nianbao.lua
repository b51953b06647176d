-- LSP configuration "nianbao" for Neovim 0.11+ (runtime lsp/ directory).
--
-- With this directory on 'runtimepath' (or this file copied to ~/.config/nvim/lsp/), enable it:
--
--   vim.lsp.enable("nianbao")
--
-- and override any field with vim.lsp.config("nianbao", { settings = { nianbao = { ... } } }).
-- The file stands alone: it needs nothing else from the plugin.

local function root_of(path)
  local dir = vim.fs.dirname(path)
  return vim.fs.root(path, { "nianbao.toml", ".git" }) or dir
end

---@type vim.lsp.Config
return {
  cmd = { "nianbao", "lsp" },
  filetypes = { "nianbao", "text", "markdown" },
  -- The nearest nianbao.toml or .git, else the file's own directory.
  root_dir = function(bufnr, on_dir)
    if vim.bo[bufnr].buftype ~= "" then
      return
    end
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name ~= "" then
      on_dir(root_of(name))
    end
  end,
  -- Neovim sends the filetype as languageId; the protocol calls plain text "plaintext".
  get_language_id = function(_, ft)
    return ft == "text" and "plaintext" or ft
  end,
  -- Settings: answered on workspace/configuration (section "nianbao") and sent as
  -- initializationOptions.
  settings = {},
  before_init = function(params, config)
    local s = config.settings and config.settings.nianbao
    if type(s) == "table" and next(s) ~= nil and params.initializationOptions == nil then
      params.initializationOptions = s
    end
  end,
}
