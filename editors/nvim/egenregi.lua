-- egenregi's language server in Neovim (0.7 or later), for YAML files of a repository with an
-- `egenregi.kdl`: diagnostics of the whole repository as you type, hover (`K`) with the rule's
-- explanation, go-to-definition (`gd` if mapped, or `:lua vim.lsp.buf.definition()`) and
-- completion (`<C-x><C-o>`) of document ids.
--
-- Use: copy this file into your config (e.g. `~/.config/nvim/plugin/egenregi.lua`) or
-- `:luafile` it. `egenregi` must be on PATH, or set `vim.g.egenregi_cmd` first, e.g.
-- `vim.g.egenregi_cmd = { '/path/to/egenregi', 'server' }`.

-- The nearest directory at or above `path` that holds `egenregi.kdl`, as `egenregi` finds it.
local function root_of(path)
  local found = vim.fn.findfile('egenregi.kdl', vim.fn.fnamemodify(path, ':p:h') .. ';')
  if found == '' then
    return nil
  end
  return vim.fn.fnamemodify(found, ':p:h')
end

-- One server per repository root.
local clients = {}

local function attach(args)
  local buf = args.buf
  local root = root_of(vim.api.nvim_buf_get_name(buf))
  if not root then
    return
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'egenregi',
      cmd = vim.g.egenregi_cmd or { 'egenregi', 'server' },
      root_dir = root,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
    vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  group = vim.api.nvim_create_augroup('egenregi', { clear = true }),
  callback = attach,
})
