-- Filetype detection for report drafts: *年度报告*.txt, *年度报告*.md, *年报*.txt, *年报*.md
-- become filetype `nianbao`.
--
-- Where Neovim detects filetypes in Lua (vim.filetype.match taking a table), the patterns are
-- registered with vim.filetype.add. Elsewhere (Neovim 0.7, where filetype.lua is opt-in)
-- BufRead/BufNewFile autocommands set the filetype after the built-in detection has run.

local M = {}

-- Shell-style globs (autocommands) and the same names as Lua patterns over the full path.
M.globs = { "*年度报告*.txt", "*年度报告*.md", "*年报*.txt", "*年报*.md" }
M.lua_patterns = {
  ".*年度报告[^/]*%.txt",
  ".*年度报告[^/]*%.md",
  ".*年报[^/]*%.txt",
  ".*年报[^/]*%.md",
}

local registered = false

-- Whether vim.filetype.add registrations are consulted when a file is opened.
local function lua_detection_active()
  if not (vim.filetype and vim.filetype.add and vim.filetype.match) then
    return false
  end
  -- The table form of vim.filetype.match exists exactly where filetype.lua is the default.
  local ok, ft = pcall(vim.filetype.match, { filename = "/nianbao-probe/2023年度报告.txt" })
  return ok and ft == "nianbao"
end

function M.register()
  if registered then
    return
  end
  registered = true
  if vim.filetype and vim.filetype.add then
    local pattern = {}
    for _, p in ipairs(M.lua_patterns) do
      pattern[p] = { "nianbao", { priority = 10 } }
    end
    vim.filetype.add({ pattern = pattern })
  end
  if lua_detection_active() then
    return
  end
  local group = vim.api.nvim_create_augroup("nianbao_filetype", { clear = true })
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group,
    pattern = M.globs,
    callback = function(args)
      if vim.bo[args.buf].filetype ~= "nianbao" then
        vim.bo[args.buf].filetype = "nianbao"
      end
    end,
  })
end

return M
